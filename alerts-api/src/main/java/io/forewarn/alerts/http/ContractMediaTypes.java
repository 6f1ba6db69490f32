package io.forewarn.alerts.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.mediatype.ContentAnalyser;
import io.vertx.openapi.mediatype.ContentAnalyserFactory;
import io.vertx.openapi.mediatype.MediaTypeRegistration;
import io.vertx.openapi.mediatype.MediaTypeRegistry;
import io.vertx.openapi.validation.ValidationContext;
import java.util.List;
import java.util.Locale;

/**
 * The media types the contract uses beyond vertx-openapi's defaults: problem details (JSON), the
 * YAML document itself and the live-update stream (server-sent events). Without registering them the contract is refused as unsupported.
 */
public final class ContractMediaTypes {
    private ContractMediaTypes() {}

    public static MediaTypeRegistry registry() {
        return MediaTypeRegistry.createDefault()
                .register(new Registration(Problems.CONTENT_TYPE, ContentAnalyserFactory.json()))
                .register(new Registration("application/yaml", ContentAnalyserFactory.noop()))
                .register(new Registration("text/event-stream", ContentAnalyserFactory.noop()));
    }

    private record Registration(String type, ContentAnalyserFactory analysers) implements MediaTypeRegistration {
        @Override
        public ContentAnalyser createContentAnalyser(String contentType, Buffer content, ValidationContext context) {
            return analysers.create(contentType, content, context);
        }

        @Override
        public boolean canHandle(String mediaType) {
            return mediaType != null && mediaType.toLowerCase(Locale.ROOT).startsWith(type);
        }

        @Override
        public List<String> supportedTypes() {
            return List.of(type);
        }
    }
}
