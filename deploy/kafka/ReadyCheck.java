// Readiness check + warm-up for the local broker, run by start.sh (compiled once
// into .local/kafka/classes with javac; needs only kafka-clients from lib/).
//
//   java -cp "lib/*:<classes>" ReadyCheck <bootstrap> [--no-warmup]
//   exit 0: broker answers metadata requests (and is warmed up)
//   exit 1: broker not (yet) answering
//   exit 2: broker answers metadata, but the warm-up failed
//
// Warm-up: a new broker creates __consumer_offsets and __transaction_state, and
// fetches a producer-id block from the controller (after EVERY start), only when a
// client first asks. Until then clients get COORDINATOR_NOT_AVAILABLE /
// COORDINATOR_LOAD_IN_PROGRESS, which kafkajs logs at ERROR level before retrying.
// This triggers all three, so the broker is fully warm when start.sh says "ready".
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

public class ReadyCheck {
  public static void main(String[] args) {
    String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
    boolean warmup = !(args.length > 1 && args[1].equals("--no-warmup"));

    Properties a = new Properties();
    a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    a.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    a.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    try (Admin admin = Admin.create(a)) {
      try {
        // a Metadata request: the same thing every client does first
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        admin.describeCluster().nodes().get();
        if (!warmup) { System.exit(0); }
      } catch (Exception e) {
        System.err.println("not ready: " + e);
        System.exit(1);
      }
      try {
        // group coordinator lookup -> creates __consumer_offsets, waits until loaded
        admin.listConsumerGroupOffsets("__local_warmup").partitionsToOffsetAndMetadata().get();
      } catch (Exception e) {
        System.err.println("group coordinator warm-up failed: " + e);
        System.exit(2);
      }
    }

    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    // a NEW transactional id each time: an existing one would reuse its producer id
    // and the broker would not fetch a producer-id block until the app's first
    // producer. (Unused ids expire after transactional.id.expiration.ms = 7 days.)
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "__local_warmup-" + System.currentTimeMillis());
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30000);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      // txn coordinator lookup -> creates __transaction_state; InitProducerId
      producer.initTransactions();
    } catch (Exception e) {
      System.err.println("transaction coordinator warm-up failed: " + e);
      System.exit(2);
    }
    System.exit(0);
  }
}
