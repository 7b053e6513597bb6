package org.learninghealth.cycle.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** For benchmarks ({@code @Import(StatementCounter.class)}): counts every SQL statement the application prepares or creates. */
@TestConfiguration
public class StatementCounter {

    public static final AtomicLong STATEMENTS = new AtomicLong();
    /** When set, what each statement does (its first words), counted. */
    public static volatile java.util.Map<String, Integer> kinds;

    @Bean
    static BeanPostProcessor countStatements() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof DataSource dataSource)) {
                    return bean;
                }
                return Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    return result instanceof Connection connection ? counting(connection) : result;
                });
            }
        };
    }

    static Connection counting(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") || method.getName().equals("createStatement") || method.getName().equals("prepareCall")) {
                STATEMENTS.incrementAndGet();
                java.util.Map<String, Integer> into = kinds;
                if (into != null && args != null && args.length > 0 && args[0] instanceof String sql) {
                    into.merge(kind(sql), 1, Integer::sum);
                }
            }
            return invoke(method, connection, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class}, handler);
    }

    private static final java.util.regex.Pattern TABLE = java.util.regex.Pattern.compile("(?i)\\b(?:from|into|update)\\s+([\\w.]+)");

    /** "insert into ACT_HI_DETAIL", "select ... from ACT_RU_VARIABLE": verb and first table. */
    static String kind(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        java.util.regex.Matcher table = TABLE.matcher(flat);
        String verb = flat.split(" ", 2)[0].toLowerCase(java.util.Locale.ROOT);
        return verb + " " + (table.find() ? table.group(1).toUpperCase(java.util.Locale.ROOT) : "?");
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
