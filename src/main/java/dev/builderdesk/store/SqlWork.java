package dev.builderdesk.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work on one connection. */
@FunctionalInterface
public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
}
