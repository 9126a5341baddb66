package io.atsbridge.platform.privacy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.atsbridge.proto.access.v1.PolicyProto;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields a contract marks {@code (atsbridge.access.v1.personal)}, found by walking message descriptors, and
 * answers with them cleared.
 */
public final class PersonalFields {

    private static final Map<Descriptor, Boolean> CARRIES = new ConcurrentHashMap<>();

    private PersonalFields() {
    }

    /** Whether the field is marked personal. */
    public static boolean isPersonal(FieldDescriptor field) {
        return field.getOptions().getExtension(PolicyProto.personal);
    }

    /** Whether a message of this type can hold a field marked personal, directly or in a nested message. */
    public static boolean carried(Descriptor type) {
        Boolean known = CARRIES.get(type);
        if (known != null) {
            return known;
        }
        boolean carries = carried(type, new HashSet<>());
        CARRIES.put(type, carries);
        return carries;
    }

    private static boolean carried(Descriptor type, Set<Descriptor> seen) {
        if (!seen.add(type)) {
            return false;
        }
        for (FieldDescriptor field : type.getFields()) {
            if (isPersonal(field)
                    || field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && carried(field.getMessageType(), seen)) {
                return true;
            }
        }
        return false;
    }

    /** The message with every field marked personal cleared, at any depth; the message itself when it holds none. */
    public static Message withheld(Message message) {
        if (!carried(message.getDescriptorForType())) {
            return message;
        }
        Message.Builder builder = message.toBuilder();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (isPersonal(field)) {
                builder.clearField(field);
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && carried(field.getMessageType())) {
                if (field.isRepeated()) {
                    for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
                        builder.setRepeatedField(field, i, withheld((Message) message.getRepeatedField(field, i)));
                    }
                } else if (message.hasField(field)) {
                    builder.setField(field, withheld((Message) message.getField(field)));
                }
            }
        }
        return builder.build();
    }
}
