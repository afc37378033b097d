package io.tributary.broker.api.admin;

import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.admin.ScramCredentialAdmin;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.broker.security.sasl.ScramCredential;
import io.tributary.broker.security.sasl.ScramMechanism;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DescribeUserScramCredentials and AlterUserScramCredentials (KIP-554) with Kafka's per-user errors: unknown
 * users RESOURCE_NOT_FOUND, a user named twice DUPLICATE_RESOURCE, iterations outside 4096–16384 or an empty
 * name UNACCEPTABLE_CREDENTIAL, an unknown mechanism UNSUPPORTED_SASL_MECHANISM. Stateless; thread-safe.
 */
public final class ScramCredentialsHandlers {

    private static final Logger log = LoggerFactory.getLogger(ScramCredentialsHandlers.class);

    private final ScramCredentialAdmin admin;

    public ScramCredentialsHandlers(ScramCredentialAdmin admin) {
        this.admin = admin;
    }

    public RequestHandler describe() {
        return this::handleDescribe;
    }

    public RequestHandler alter() {
        return this::handleAlter;
    }

    private void handleDescribe(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        if (!context.isAuthorizedOnCluster(AclOperation.DESCRIBE)) {
            responder.send(response.set("error_code", Errors.CLUSTER_AUTHORIZATION_FAILED.code())
                    .set("error_message", "Authorization failed."));
            return;
        }
        try {
            List<Struct> wanted = request.getStructs("users");
            List<String> users = new ArrayList<>();
            Set<String> duplicates = new HashSet<>();
            if (wanted == null) {
                users.addAll(admin.users());
            } else {
                Set<String> seen = new HashSet<>();
                for (Struct user : wanted) {
                    String name = user.getString("name");
                    if (!seen.add(name)) {
                        duplicates.add(name);
                    } else {
                        users.add(name);
                    }
                }
            }
            for (String user : users) {
                Struct result = response.addChild("results").set("user", user);
                if (duplicates.contains(user)) {
                    result.set("error_code", Errors.DUPLICATE_RESOURCE.code())
                            .set("error_message", "Cannot describe SCRAM credentials for the same user twice in a single request: " + user);
                    continue;
                }
                Map<ScramMechanism, Integer> mechanisms = admin.mechanisms(user);
                if (mechanisms.isEmpty()) {
                    result.set("error_code", Errors.RESOURCE_NOT_FOUND.code())
                            .set("error_message", "Attempt to describe a user credential that does not exist: " + user);
                    continue;
                }
                mechanisms.forEach((m, iterations) -> result.addChild("credential_infos")
                        .set("mechanism", m.typeId()).set("iterations", iterations));
            }
        } catch (Exception e) {
            log.warn("DescribeUserScramCredentials failed: {}", e.toString());
            response.set("error_code", Errors.UNKNOWN_SERVER_ERROR.code()).set("error_message", e.getMessage());
            response.getStructs("results").clear();
        }
        responder.send(response);
    }

    private void handleAlter(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        Map<String, Map<ScramMechanism, ScramCredential>> upserts = new LinkedHashMap<>();
        Map<String, List<ScramMechanism>> deletions = new LinkedHashMap<>();
        Map<String, String[]> failures = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (Struct deletion : request.getStructs("deletions")) {
            String key = deletion.getString("name") + "/" + deletion.getByte("mechanism");
            if (!seen.add(key)) {
                duplicated.add(deletion.getString("name"));
            }
        }
        for (Struct upsertion : request.getStructs("upsertions")) {
            String key = upsertion.getString("name") + "/" + upsertion.getByte("mechanism");
            if (!seen.add(key)) {
                duplicated.add(upsertion.getString("name"));
            }
        }
        for (Struct deletion : request.getStructs("deletions")) {
            String user = deletion.getString("name");
            ScramMechanism mechanism = ScramMechanism.forTypeId(deletion.getByte("mechanism"));
            String[] problem = problem(user, mechanism, duplicated, 0, false);
            if (problem != null) {
                failures.putIfAbsent(user, problem);
            } else {
                deletions.computeIfAbsent(user, u -> new ArrayList<>()).add(mechanism);
            }
        }
        for (Struct upsertion : request.getStructs("upsertions")) {
            String user = upsertion.getString("name");
            ScramMechanism mechanism = ScramMechanism.forTypeId(upsertion.getByte("mechanism"));
            int iterations = upsertion.getInt("iterations");
            String[] problem = problem(user, mechanism, duplicated, iterations, true);
            if (problem != null) {
                failures.putIfAbsent(user, problem);
                continue;
            }
            ScramCredential credential = ScramCredential.fromSaltedPassword(mechanism,
                    bytes(upsertion.getBytes("salted_password")), bytes(upsertion.getBytes("salt")), iterations);
            upserts.computeIfAbsent(user, u -> new LinkedHashMap<>()).put(mechanism, credential);
        }
        Set<String> users = new java.util.LinkedHashSet<>();
        users.addAll(deletions.keySet());
        users.addAll(upserts.keySet());
        users.addAll(failures.keySet());
        boolean allowed = context.isAuthorizedOnCluster(AclOperation.ALTER);
        for (String user : users) {
            Struct result = response.addChild("results").set("user", user);
            String[] failure = allowed ? failures.get(user)
                    : new String[] {Errors.CLUSTER_AUTHORIZATION_FAILED.name(), "Authorization failed."};
            if (failure == null) {
                failure = apply(user, upserts.getOrDefault(user, Map.of()), deletions.getOrDefault(user, List.of()));
            }
            if (failure == null) {
                result.set("error_code", Errors.NONE.code()).set("error_message", null);
            } else {
                result.set("error_code", Errors.valueOf(failure[0]).code()).set("error_message", failure[1]);
            }
        }
        responder.send(response);
    }

    private String[] apply(String user, Map<ScramMechanism, ScramCredential> upserts, List<ScramMechanism> deletions) {
        try {
            Map<ScramMechanism, Integer> existing = admin.mechanisms(user);
            for (ScramMechanism mechanism : deletions) {
                if (!existing.containsKey(mechanism)) {
                    return new String[] {Errors.RESOURCE_NOT_FOUND.name(),
                            "Attempt to delete a user credential that does not exist"};
                }
            }
            admin.alter(user, upserts, deletions);
            return null;
        } catch (Exception e) {
            log.warn("AlterUserScramCredentials of user {} failed: {}", user, e.toString());
            return new String[] {Errors.UNKNOWN_SERVER_ERROR.name(), e.getMessage()};
        }
    }

    private static String[] problem(String user, ScramMechanism mechanism, Set<String> duplicated, int iterations,
                                    boolean upsert) {
        if (user == null || user.isEmpty()) {
            return new String[] {Errors.UNACCEPTABLE_CREDENTIAL.name(), "Username must not be empty"};
        }
        if (duplicated.contains(user)) {
            return new String[] {Errors.DUPLICATE_RESOURCE.name(),
                    "A user credential cannot be altered twice in the same request"};
        }
        if (mechanism == null) {
            return new String[] {Errors.UNSUPPORTED_SASL_MECHANISM.name(), "Unknown SCRAM mechanism"};
        }
        if (upsert && (iterations < ScramMechanism.MIN_ITERATIONS || iterations > ScramMechanism.MAX_ITERATIONS)) {
            return new String[] {Errors.UNACCEPTABLE_CREDENTIAL.name(), "Iterations " + iterations + " not in the "
                    + "range " + ScramMechanism.MIN_ITERATIONS + " to " + ScramMechanism.MAX_ITERATIONS};
        }
        return null;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer == null ? 0 : buffer.remaining()];
        if (buffer != null) {
            buffer.duplicate().get(bytes);
        }
        return bytes;
    }
}
