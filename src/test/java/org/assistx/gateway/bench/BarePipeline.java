package org.assistx.gateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.assistx.gateway.audit.AuditLog;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.Jcs;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.Signatures;
import org.assistx.gateway.crypto.StoreCipher;
import org.assistx.gateway.simulator.SimulatorReplies;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRepository;
import org.assistx.gateway.tracking.SealedColumns;
import org.assistx.gateway.tracking.VerificationRecord;
import org.assistx.gateway.tracking.VerificationRepository;
import org.assistx.gateway.tracking.VerificationStatus;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The machine's limit for {@code bench/run}: the work of one verification round trip without the framework,
 * in one process. For each request the four SM2 operations (the gateway signs the request, the county bureau
 * verifies it and signs its answer, the gateway verifies the answer, each over the JCS bytes of an envelope)
 * and the same durable writes as the gateway — the same H2 statements through the gateway's own repositories
 * on a database made by its Flyway migrations ({@code WRITE_DELAY=0}, as in the default configuration), and
 * the same three persistent broker hops on an embedded Artemis with a synchronised journal (queued on the
 * dispatch queue; handed to the partner's queue in one transaction with taking it off; taken off the partner's
 * queue once answered). Batched the way the gateway may batch: the requests of a batch share each commit
 * (group commit), every request still gets every statement and every send.
 */
public final class BarePipeline {

    private static final String PARTNER = "xian-county-bureaus";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        quietLogs();
        Map<String, String> o = Args.parse(args);
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
        int workers = Integer.parseInt(o.getOrDefault("workers", "4"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "32"));
        Path dir = Path.of(o.getOrDefault("dir", "target/bench-bare")).toAbsolutePath();
        Path certs = Path.of(o.getOrDefault("certs", "certs-sample/sm2"));
        Files.createDirectories(dir);

        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("h2/assistx") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(true).setSecurityEnabled(false).setJournalDatasync(true)
                .setJournalDirectory(dir.resolve("artemis/journal").toString())
                .setBindingsDirectory(dir.resolve("artemis/bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("artemis/large").toString())
                .setPagingDirectory(dir.resolve("artemis/paging").toString())
                .addAcceptorConfiguration("in-vm", "vm://0"));
        broker.start();
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://0");
        Connection connection = cf.createConnection();
        connection.start();

        Keys keys = new Keys(Pem.readPrivateKey(certs.resolve("gateway.key.pem")),
                Pem.readCertificate(certs.resolve("gateway.crt.pem")).getPublicKey(),
                Pem.readPrivateKey(certs.resolve("county-bureau-6101.key.pem")),
                Pem.readCertificate(certs.resolve("county-bureau-6101.crt.pem")).getPublicKey());
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        Clock clock = Clock.systemUTC();
        StoreCipher clear = StoreCipher.disabled();
        SealedColumns sealed = new SealedColumns(clear);
        Store store = new Store(new VerificationRepository(jdbc, clock, event -> { }, sealed),
                new MessageRepository(jdbc, clock, new AuditLog(jdbc, clock, clear), sealed),
                new SimulatorReplies(jdbc, clock), new TransactionTemplate(new DataSourceTransactionManager(ds)));

        AtomicLong done = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Worker worker = new Worker(w, batch, connection.createSession(true, Session.SESSION_TRANSACTED), store,
                    keys, done);
            Thread t = new Thread(() -> {
                try {
                    while (running.get()) {
                        worker.roundTrips();
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    running.set(false);
                }
            }, "bare-" + w);
            threads.add(t);
            t.start();
        }
        // warm-up: every worker through a batch (classes loaded, code compiled), then two more seconds
        long warm = System.nanoTime() + 120_000_000_000L;
        while (done.get() < (long) workers * batch && running.get() && System.nanoTime() < warm) {
            Thread.sleep(100);
        }
        Thread.sleep(2000);
        long startCount = done.get();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long count = done.get() - startCount;
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        connection.close();
        broker.stop();
        if (failure.get() != null) {
            failure.get().printStackTrace();
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "BARE limit=%.1f round trips/s (%d in %.1f s; %d workers, batches of %d)%n",
                count / elapsed, count, elapsed, workers, batch);
    }

    /** Only warnings from the libraries (the broker's audit log would print every message). */
    static void quietLogs() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.activemq"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    record Keys(PrivateKey gateway, PublicKey gatewayPublic, PrivateKey bureau, PublicKey bureauPublic) {
    }

    record Store(VerificationRepository verifications, MessageRepository messages, SimulatorReplies simulator,
            TransactionTemplate tx) {
    }

    /** One thread of round trips, a batch at a time, with its own transacted JMS session and queues. */
    static final class Worker {

        private final Session jms;
        private final Queue dispatch;
        private final Queue partnerQueue;
        private final MessageProducer toDispatch;
        private final MessageProducer toPartner;
        private final MessageConsumer fromDispatch;
        private final MessageConsumer fromPartner;
        private final int batch;
        private final Store store;
        private final Keys keys;
        private final AtomicLong done;
        private long sequence;
        private final int id;

        Worker(int id, int batch, Session jms, Store store, Keys keys, AtomicLong done) throws Exception {
            this.id = id;
            this.batch = batch;
            this.jms = jms;
            this.store = store;
            this.keys = keys;
            this.done = done;
            this.dispatch = jms.createQueue("bench.core.verifications." + id);
            this.partnerQueue = jms.createQueue("bench.delivery." + PARTNER + "." + id);
            this.toDispatch = jms.createProducer(dispatch);
            this.toPartner = jms.createProducer(partnerQueue);
            this.fromDispatch = jms.createConsumer(dispatch);
            this.fromPartner = jms.createConsumer(partnerQueue);
        }

        void roundTrips() {
            try {
                List<VerificationRecord> accepted = new ArrayList<>(batch);
                Instant now = Instant.now();
                for (int i = 0; i < batch; i++) {
                    accepted.add(newVerification(now));
                }
                // ingress: stored (committed) before the 202, then queued and marked enqueued
                store.tx().executeWithoutResult(s -> accepted.forEach(store.verifications()::insert));
                for (VerificationRecord v : accepted) {
                    toDispatch.send(jms.createTextMessage(v.verificationId()));
                }
                jms.commit();
                store.tx().executeWithoutResult(s -> accepted.forEach(v -> store.verifications()
                        .markEnqueued(v.verificationId())));
                // dispatch: off the dispatch queue and onto the partner's queue in one transaction
                for (int i = 0; i < batch; i++) {
                    toPartner.send(jms.createTextMessage(((TextMessage) fromDispatch.receive(5000)).getText()));
                }
                jms.commit();
                // partner delivery: take, sign and store the request, attempt, the partner answers, verify, store
                List<String> ids = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    ids.add(((TextMessage) fromPartner.receive(5000)).getText());
                }
                // signed outside the transactions so that no lock is held while signing; the statements are
                // the gateway's: lock the row, look for a signed request, store it (and its audit entry)
                List<VerificationRecord> loaded = new ArrayList<>(batch);
                ids.forEach(vid -> loaded.add(store.verifications().find(vid).orElseThrow()));
                List<MessageRecord> requests = new ArrayList<>(batch);
                loaded.forEach(v -> requests.add(signed(v.verificationId(), null, "VERIFICATION_REQUEST", "6101",
                        v.routeRecipient(), keys.gateway(), v.requestJson())));
                store.tx().executeWithoutResult(s -> requests.forEach(request -> {
                    store.verifications().lock(request.verificationId());
                    store.messages().findOutbound(request.verificationId(), "VERIFICATION_REQUEST");
                    store.messages().insert(request);
                }));
                store.tx().executeWithoutResult(s -> requests.forEach(r -> {
                    store.messages().countAttempt(r.messageId());
                    store.verifications().markSent(r.verificationId());
                }));
                // the county bureau: verifies the request, signs its answer and records it once
                List<String> answers = new ArrayList<>(batch);
                requests.forEach(r -> {
                    check(r.envelope(), keys.gatewayPublic());
                    answers.add(signed(r.verificationId(), r.messageId(), "VERIFICATION_RESULT", r.recipient(), "6101",
                            keys.bureau(), "{\"outcome\":\"NOT_RECEIVING\",\"records\":[]}").envelope());
                });
                store.tx().executeWithoutResult(s -> {
                    for (int i = 0; i < requests.size(); i++) {
                        String answer = answers.get(i);
                        store.simulator().answerOnce(PARTNER, requests.get(i).messageId(), () -> answer);
                    }
                });
                // the gateway verifies each answer and records it: answer, request delivered, verification answered
                List<MessageRecord> replies = new ArrayList<>(batch);
                for (int i = 0; i < requests.size(); i++) {
                    replies.add(received(requests.get(i), answers.get(i), check(answers.get(i), keys.bureauPublic())));
                }
                store.tx().executeWithoutResult(s -> replies.forEach(in -> {
                    store.messages().insert(in);
                    store.messages().updateStatus(in.inReplyTo(), MessageRecord.MessageStatus.DELIVERED, null);
                    store.verifications().markAnswered(in.verificationId(), "NOT_RECEIVING",
                            "{\"outcome\":\"NOT_RECEIVING\",\"records\":[],\"proof\":null}");
                }));
                jms.commit();
                done.addAndGet(batch);
            } catch (Exception e) {
                throw new IllegalStateException("bare pipeline worker " + id + " failed", e);
            }
        }

        private VerificationRecord newVerification(Instant now) {
            long n = sequence++;
            String requestId = "bare-" + id + "-" + n;
            String requestJson = """
                {"requestId":"%s","appliedOn":"2026-09-01","residenceTownship":"610113001",\
                "applicant":{"idNumber":"610104199001011234","name":"张三","hukouDivision":"610104003",\
                "hukouNature":"RURAL"},"residenceSince":"2026-01-15","assistanceType":"DIBAO",\
                "declarationOfNonReceipt":true,"emergency":null,"proofOfNonReceipt":null}""".formatted(requestId);
            return new VerificationRecord(UUID.randomUUID().toString(), "610113001", requestId,
                    HexFormat.of().formatHex(new byte[32]), requestJson, VerificationStatus.ACCEPTED, null,
                    "CROSS_COUNTY", "RURAL_DIBAO", PARTNER, "610104", "610113001", "610104********1234", null, null,
                    now, now, null, null);
        }

        private static MessageRecord signed(String verificationId, String inReplyTo, String type, String sender,
                String recipient, PrivateKey key, String payloadJson) {
            try {
                String messageId = UUID.randomUUID().toString();
                ObjectNode envelope = JSON.createObjectNode();
                ObjectNode header = envelope.putObject("header");
                header.put("messageId", messageId).put("type", type).put("sender", sender).put("recipient", recipient)
                        .put("correlationId", verificationId).put("timestamp", Instant.now().toString())
                        .put("signatureAlgorithm", CryptoProfile.SM2.signatureAlgorithm());
                if (inReplyTo != null) {
                    header.put("inReplyTo", inReplyTo);
                }
                envelope.set("payload", JSON.readTree(payloadJson));
                byte[] signedBytes = Jcs.canonicalize(envelope);
                byte[] signature = Signatures.sign(CryptoProfile.SM2, key, signedBytes);
                String signedDigest = HexFormat.of().formatHex(
                        MessageDigest.getInstance("SM3", Signatures.provider()).digest(signedBytes));
                envelope.putObject("signature").put("algorithm", CryptoProfile.SM2.signatureAlgorithm())
                        .put("value", Base64.getEncoder().encodeToString(signature));
                Instant now = Instant.now();
                return new MessageRecord(messageId, verificationId, MessageRecord.Direction.OUT, type, PARTNER, sender,
                        recipient, JSON.writeValueAsString(envelope), signedDigest, inReplyTo,
                        MessageRecord.MessageStatus.PENDING, 0, null, now, now);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Verifies the envelope's signature; returns the SM3 digest of its signed bytes (stored with the message). */
        private static String check(String envelopeText, PublicKey key) {
            try {
                ObjectNode envelope = (ObjectNode) JSON.readTree(envelopeText);
                byte[] signature = Base64.getDecoder().decode(envelope.path("signature").path("value").asText());
                ObjectNode signed = JSON.createObjectNode();
                signed.set("header", envelope.get("header"));
                signed.set("payload", envelope.get("payload"));
                byte[] signedBytes = Jcs.canonicalize(signed);
                if (!Signatures.verify(CryptoProfile.SM2, key, signedBytes, signature)) {
                    throw new IllegalStateException("signature does not verify");
                }
                return HexFormat.of().formatHex(MessageDigest.getInstance("SM3", Signatures.provider()).digest(signedBytes));
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static MessageRecord received(MessageRecord request, String replyText, String signedDigest) {
            try {
                String messageId = JSON.readTree(replyText).path("header").path("messageId").asText();
                Instant now = Instant.now();
                return new MessageRecord(messageId, request.verificationId(), MessageRecord.Direction.IN,
                        "VERIFICATION_RESULT", PARTNER, request.recipient(), "6101", replyText, signedDigest,
                        request.messageId(), MessageRecord.MessageStatus.RECEIVED, 1, null, now, now);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
