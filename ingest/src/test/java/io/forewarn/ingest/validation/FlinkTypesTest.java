package io.forewarn.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.source.MqttRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** What flows between the job's operators is serialized by Flink's POJO serializer, not by Kryo. */
class FlinkTypesTest {

    @Test
    void recordsDeadLettersAndTelemetryAreFlinkPojosNotKryoGenericTypes() {
        assertThat(TypeInformation.of(MqttRecord.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(DeadLetter.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(TelemetryMessage.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
