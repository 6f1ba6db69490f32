package io.forewarn.ingest.tmpexp;

import io.forewarn.ingest.testing.MosquittoContainer;
import io.forewarn.ingest.testing.TestPublisher;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.*;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.*;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

class ExperimentTest {
    @Test
    void probe() throws Exception {
        try (MosquittoContainer m = new MosquittoContainer()) {
            m.start();
            for (Integer rm : new Integer[] {100, 101}) {
                AtomicInteger got = new AtomicInteger();
                MqttAsyncClient c = new MqttAsyncClient(m.uri(), "exp-sub-" + rm, new MemoryPersistence());
                c.setManualAcks(true);
                c.setCallback(new MqttCallback() {
                    public void disconnected(MqttDisconnectResponse r) { System.out.println("DISC " + r); }
                    public void mqttErrorOccurred(MqttException e) { System.out.println("ERR " + e); }
                    public void messageArrived(String t, MqttMessage msg) { got.incrementAndGet(); }
                    public void deliveryComplete(IMqttToken t) {}
                    public void connectComplete(boolean r, String u) {}
                    public void authPacketArrived(int r, MqttProperties p) {}
                });
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setCleanStart(rm == 100);
                if (rm == 101) o.setSessionExpiryInterval(300L);
                if (rm != null) o.setReceiveMaximum(rm);
                c.connect(o).waitForCompletion(10000);
                c.subscribe(new MqttSubscription[] {new MqttSubscription("$share/g/t/+", 1)}, null, null, new MqttProperties()).waitForCompletion(10000);
                long t0 = System.nanoTime();
                try (TestPublisher p = new TestPublisher(m.uri(), "exp-pub")) {
                    for (int i = 0; i < 3000; i++) p.publish("t/x", "m" + i, 1);
                    p.flush();
                }
                System.out.printf("receiveMaximum=%s published 3000 in %d ms%n", rm, (System.nanoTime() - t0) / 1_000_000);
                Thread.sleep(2000);
                System.out.printf("receiveMaximum=%s: %d arrived without acks%n", rm, got.get());
                c.disconnect().waitForCompletion(5000);
                c.close();
            }
            System.out.println(m.getLogs());
        }
    }
}
