package io.forewarn.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS settings of the source's broker connections ({@code ssl://} and {@code wss://} URIs): which certificates
 * to trust and, for mutual TLS, which client certificate to present. With nothing set, an {@code ssl://}
 * connection trusts the JVM's default CAs.
 *
 * @param truststorePath keystore file holding the broker's certificate or the CA that signed it; null for the
 *     JVM's default CAs
 * @param truststorePassword password of the truststore, or null when it has none
 * @param truststoreType {@code PKCS12} (the default) or {@code JKS}
 * @param keystorePath keystore file with the client's certificate and private key, for brokers that require
 *     client certificates; null for none
 * @param keystorePassword password of the keystore and of the key in it
 * @param keystoreType {@code PKCS12} (the default) or {@code JKS}
 */
public record MqttTls(
        String truststorePath,
        String truststorePassword,
        String truststoreType,
        String keystorePath,
        String keystorePassword,
        String keystoreType) implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final String DEFAULT_STORE_TYPE = "PKCS12";

    public MqttTls {
        truststoreType = storeType(truststoreType);
        keystoreType = storeType(keystoreType);
        if (truststorePath == null && truststorePassword != null) {
            throw new IllegalArgumentException("truststorePassword is set but no truststore path");
        }
        if (keystorePath == null && keystorePassword != null) {
            throw new IllegalArgumentException("keystorePassword is set but no keystore path");
        }
    }

    /** No truststore and no client certificate: {@code ssl://} trusts the JVM's default CAs. */
    public static MqttTls none() {
        return new MqttTls(null, null, null, null, null, null);
    }

    /** True when a truststore or a client keystore is set. */
    public boolean isConfigured() {
        return truststorePath != null || keystorePath != null;
    }

    public MqttTls withTruststore(String path, String password, String type) {
        return new MqttTls(path, password, type, keystorePath, keystorePassword, keystoreType);
    }

    public MqttTls withKeystore(String path, String password, String type) {
        return new MqttTls(truststorePath, truststorePassword, truststoreType, path, password, type);
    }

    /**
     * A socket factory that trusts the truststore (or the JVM's CAs) and presents the keystore's certificate.
     * Reads the files now, so a missing file or a wrong password fails here, naming the file.
     */
    public SSLSocketFactory socketFactory() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(truststorePath == null ? null : load("truststore", truststorePath, truststorePassword, truststoreType));
            KeyManagerFactory keys = null;
            if (keystorePath != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load("keystore", keystorePath, keystorePassword, keystoreType), chars(keystorePassword));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("MQTT TLS: cannot set up the key or trust managers: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String what, String path, String password, String type) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, chars(password));
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("MQTT TLS " + what + " " + path + ": no such file");
        } catch (IOException | GeneralSecurityException e) {
            // A wrong password surfaces as an IOException whose cause is an UnrecoverableKeyException.
            throw new IllegalArgumentException("MQTT TLS " + what + " " + path + " (" + type + "): cannot read it, "
                    + "wrong password or type? " + e.getMessage(), e);
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    private static String storeType(String type) {
        return type == null || type.isBlank() ? DEFAULT_STORE_TYPE : type.trim().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        // Never print the passwords: the source config ends up in logs and in the job graph.
        return "MqttTls[truststore=" + truststorePath + " (" + truststoreType + ")"
                + (truststorePassword == null ? "" : ", truststorePassword=***")
                + ", keystore=" + keystorePath + " (" + keystoreType + ")"
                + (keystorePassword == null ? "" : ", keystorePassword=***") + "]";
    }
}
