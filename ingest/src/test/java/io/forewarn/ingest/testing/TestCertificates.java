package io.forewarn.ingest.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed certificates for TLS tests, made at test time with the JDK's own {@code keytool}. */
public final class TestCertificates {
    private TestCertificates() {}

    /**
     * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}.
     *
     * @param keystore JKS keystore with the private key and certificate, for the broker
     * @param truststore PKCS12 truststore with only the certificate, for clients that should trust it
     * @param password password of both stores and of the key
     */
    public record Certificate(Path keystore, Path truststore, String password) {}

    /** Creates {@code <name>-keystore.jks} and {@code <name>-truststore.p12} in {@code dir}. */
    public static Certificate selfSigned(Path dir, String name) {
        String password = name + "-secret";
        Path keystore = dir.resolve(name + "-keystore.jks");
        Path certificate = dir.resolve(name + ".pem");
        Path truststore = dir.resolve(name + "-truststore.p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost, O=Forewarn tests", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "JKS", "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keystore.toString(), "-storepass", password,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", name, "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", truststore.toString(), "-storepass", password);
        return new Certificate(keystore, truststore, password);
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
