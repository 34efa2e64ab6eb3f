package org.assistx.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.federation.Directory;
import org.assistx.gateway.federation.DirectoryBuild;
import org.assistx.gateway.federation.DirectoryDocument;
import org.assistx.gateway.federation.DirectoryMember;
import org.assistx.gateway.federation.FederationPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The federation directory at the size of the country's prefecture-level cities (docs/federation.md, "Toward 330
 * cities"): 330 members, each with one real SM2 signing certificate and 1 to 3 division prefixes. Prints one line
 *
 * <pre>DIRECTORY members=330 bytes=… gzip=… verifyMs=… signMs=… buildMs=… routeNs=…</pre>
 *
 * Runs only when asked: {@code mvn -B -q test -Dtest=DirectoryBench -Dassistx.bench.directory=true}.
 * Medians after warm-up; the figures are this machine's, never asserted.
 */
@EnabledIfSystemProperty(named = "assistx.bench.directory", matches = "true")
class DirectoryBench {

    private static final int MEMBERS = 330;
    private static final String[] PROVINCES = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
        "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"};

    @TempDir
    Path dir;

    @Test
    void measure() throws IOException {
        Random random = new Random(17);
        List<String> cities = new ArrayList<>();
        for (String p : PROVINCES) {
            for (int c = 1; c <= 20; c++) {
                cities.add(p + String.format(Locale.ROOT, "%02d", c));
            }
        }
        Collections.shuffle(cities, random);
        List<String> spare = cities.subList(MEMBERS, cities.size());

        KeyPair authorityKeys = FederationPki.keyPair();
        X509Certificate authorityCert = FederationPki.selfSigned(authorityKeys, "CN=Directory Authority");
        SigningIdentity authority = FederationPki.authority(authorityKeys, authorityCert);
        Path members = Files.createDirectories(dir.resolve("members"));
        List<DirectoryMember> list = new ArrayList<>();
        int spareAt = 0;
        for (int i = 0; i < MEMBERS; i++) {
            String city = cities.get(i);
            List<String> divisions = new ArrayList<>(List.of(city));
            int extra = random.nextInt(3);
            for (int e = 0; e < extra; e++) {
                divisions.add(spare.get(spareAt++ % spare.size()) + String.format(Locale.ROOT, "%02d", 1 + spareAt / spare.size()));
            }
            String id = "city-" + city;
            X509Certificate cert = FederationPki.selfSigned(FederationPki.keyPair(), "CN=" + id + ",O=" + city);
            DirectoryMember member = FederationPki.member(id, city, divisions, cert);
            list.add(member);
            Files.writeString(members.resolve(id + "-sm2.crt.pem"), Pem.toPem(cert));
            Files.writeString(members.resolve(id + ".yaml"), "id: " + id + "\norganisation: \"" + city + "\"\n"
                    + "title: " + city + " 民政局\ndivisions: [" + String.join(", ", divisions.stream().map(d -> "\"" + d + "\"").toList())
                    + "]\nexchangeUrls: [\"https://" + id + ".example.org/api/v1/exchange\"]\n"
                    + "signingCertificates: [" + id + "-sm2.crt.pem]\ntlsCertificates: []\ncryptoProfiles: [SM2]\n"
                    + "messageTypes: [VERIFICATION_REQUEST, PROOF_REQUEST, APPROVAL_RESULT_NOTICE, EMERGENCY_AID_NOTICE, "
                    + "PAYMENT_SUSPENSION_NOTICE, CASE_TRANSFER_REQUEST]\n");
        }
        Instant issued = Instant.now().minusSeconds(60);
        Directory directory = new Directory(1, issued, issued.plus(Duration.ofDays(7)), list);

        String text = DirectoryDocument.sign(directory, authority);
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(raw);
        }
        List<X509Certificate> trusted = List.of(authorityCert);
        Instant now = Instant.now();
        assertThat(DirectoryDocument.verify(text, trusted, now).members()).hasSize(MEMBERS);

        double verifyMs = medianMs(10, 50, () -> DirectoryDocument.verify(text, trusted, now).version());
        double signMs = medianMs(5, 20, () -> DirectoryDocument.sign(directory, authority).length());
        Path authorityCertPem = dir.resolve("authority.crt.pem");
        Path authorityKeyPem = dir.resolve("authority.key.pem");
        Files.writeString(authorityCertPem, Pem.toPem(authorityCert));
        Files.writeString(authorityKeyPem, Pem.toPem(authorityKeys.getPrivate()));
        List<String> args = List.of("--members", members.toString(), "--authority-cert", authorityCertPem.toString(),
                "--authority-key", authorityKeyPem.toString(), "--version", "2", "--out", dir.resolve("d.json").toString());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        double buildMs = medianMs(2, 7, () -> DirectoryBuild.run(args, quiet));
        assertThat(DirectoryDocument.verify(Files.readString(dir.resolve("d.json")), trusted, Instant.now()).members())
                .hasSize(MEMBERS);

        // routing: 9-digit township codes, 90 % under a served prefix, 10 % anywhere
        Directory verified = DirectoryDocument.verify(text, trusted, now);
        String[] codes = new String[100_000];
        for (int i = 0; i < codes.length; i++) {
            String prefix = random.nextInt(10) == 0 ? PROVINCES[random.nextInt(PROVINCES.length)]
                    : list.get(random.nextInt(MEMBERS)).divisions().get(0);
            StringBuilder code = new StringBuilder(prefix);
            while (code.length() < 9) {
                code.append(random.nextInt(10));
            }
            codes[i] = code.toString();
        }
        long[] sink = {0};
        for (int warm = 0; warm < 3; warm++) {
            for (String c : codes) {
                sink[0] += verified.serving(c).isPresent() ? 1 : 0;
            }
        }
        double[] perLookup = new double[100];
        for (int batch = 0; batch < perLookup.length; batch++) {
            long start = System.nanoTime();
            for (int i = batch * 1000; i < (batch + 1) * 1000; i++) {
                sink[0] += verified.serving(codes[i]).isPresent() ? 1 : 0;
            }
            perLookup[batch] = (System.nanoTime() - start) / 1000.0;
        }
        Arrays.sort(perLookup);
        double routeNs = perLookup[perLookup.length / 2];
        assertThat(sink[0]).isPositive();

        System.out.printf(Locale.ROOT, "DIRECTORY members=%d bytes=%d gzip=%d verifyMs=%.1f signMs=%.1f buildMs=%.0f "
                + "routeNs=%.0f%n", MEMBERS, raw.length, zipped.size(), verifyMs, signMs, buildMs, routeNs);
    }

    private static double medianMs(int warmUp, int runs, LongSupplier action) {
        for (int i = 0; i < warmUp; i++) {
            action.getAsLong();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            action.getAsLong();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
