package dev.builderdesk.ui.settings;

/** A line telling the outcome of the last action on a settings page; {@link #NONE} shows nothing. */
public record Note(String text, Tone tone) {
    /** How the line reads: still working, done, or wrong. */
    public enum Tone { NONE, PROGRESS, SUCCESS, ERROR }

    public static final Note NONE = new Note("", Tone.NONE);

    public static Note progress(String text) {
        return new Note(text, Tone.PROGRESS);
    }

    public static Note success(String text) {
        return new Note(text, Tone.SUCCESS);
    }

    public static Note error(String text) {
        return new Note(text, Tone.ERROR);
    }
}
