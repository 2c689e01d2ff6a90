package org.pactum.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Request bodies may not carry a NUL character in any string or key: PostgreSQL cannot store one,
 * so it would otherwise fail deep inside a transaction as a 500. It is refused while the body is
 * read, with the JSON path of the field (ProblemMapper names it), and the value is never repeated.
 */
@Singleton
public class JsonInputRules implements ObjectMapperCustomizer {

    static final String NUL = "contains a NUL character, which is never accepted";

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("pactum-json-input-rules");
        module.addDeserializer(String.class, new NoNulStrings());
        module.addKeyDeserializer(String.class, new NoNulKeys());
        mapper.registerModule(module);
    }

    static final class NoNulStrings extends StdScalarDeserializer<String> {

        NoNulStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            if (s != null && s.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(p, NUL, null, String.class);
            }
            return s;
        }
    }

    static final class NoNulKeys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (key != null && key.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(ctxt.getParser(), NUL, null, String.class);
            }
            return key;
        }
    }
}
