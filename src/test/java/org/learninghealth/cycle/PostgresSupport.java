package org.learninghealth.cycle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where the PostgreSQL tests find their server ({@code LC_TEST_PG_URL}, default 127.0.0.1:5432, user postgres).
 * Without a server they are skipped with this message; under {@code CI=true} a missing server fails the build.
 */
public final class PostgresSupport {

    public static final String SERVER = System.getenv().getOrDefault("LC_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = System.getenv().getOrDefault("LC_TEST_PG_USER", "postgres");
    public static final String PASSWORD = System.getenv().getOrDefault("LC_TEST_PG_PASSWORD", "");

    private PostgresSupport() {
    }

    /** Used by {@code @EnabledIf}: true when PostgreSQL answers; under CI a missing server is an error, not a skip. */
    public static boolean available() {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD)) {
            return c.isValid(2);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but PostgreSQL is not reachable at " + SERVER + " (" + e.getMessage() + ")", e);
            }
            System.err.println("Skipping PostgreSQL tests: no server at " + SERVER + " (set LC_TEST_PG_URL, or start PostgreSQL).");
            return false;
        }
    }

    /** Drops and creates a database of the given name; @return its JDBC URL */
    public static String freshDatabase(String name) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
            return SERVER + name;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops the databases whose names match the pattern (leftovers of earlier test runs). */
    public static void dropDatabasesLike(String pattern) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD); Statement s = c.createStatement()) {
            java.util.List<String> names = new java.util.ArrayList<>();
            try (java.sql.ResultSet rows = s.executeQuery("select datname from pg_database where datname like '" + pattern + "'")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            for (String name : names) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop the test databases " + pattern + ": " + e.getMessage(), e);
        }
    }
}
