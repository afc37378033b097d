package io.tributary.broker.api;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.security.acl.ResourceType;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ACL checks Kafka makes on the group APIs, as wrappers around the group coordinator's handlers: what the
 * requester may not touch is taken out of the request and answered with GROUP_AUTHORIZATION_FAILED or
 * TOPIC_AUTHORIZATION_FAILED in the response; the coordinator never sees it. Without an authorizer every check
 * passes. Stateless; thread-safe.
 */
public final class GroupAuthorization {

    private GroupAuthorization() {
    }

    private static boolean group(RequestContext context, AclOperation operation, String group) {
        return context.isAuthorized(operation, ResourceType.GROUP, group);
    }

    /** JoinGroup, SyncGroup, Heartbeat, LeaveGroup: READ on the group, else a GROUP_AUTHORIZATION_FAILED answer. */
    public static RequestHandler readGroup(RequestHandler handler) {
        return (context, request, responder) -> {
            if (group(context, AclOperation.READ, request.getString("group_id"))) {
                handler.handle(context, request, responder);
                return;
            }
            Struct response = new Struct(context.api().spec().response());
            response.set("error_code", Errors.GROUP_AUTHORIZATION_FAILED.code());
            if (response.hasField("members") && response.getStructs("members") != null) {
                response.getStructs("members").clear();
            }
            responder.send(response);
        };
    }

    /** OffsetCommit: READ on the group (else every partition fails) and READ on each topic. */
    public static RequestHandler offsetCommit(RequestHandler handler) {
        return (context, request, responder) -> {
            boolean groupAllowed = group(context, AclOperation.READ, request.getString("group_id"));
            List<Struct> denied = takeTopics(request.getStructs("topics"),
                    t -> !groupAllowed || !context.isAuthorizedOnTopic(AclOperation.READ, t.getString("name")));
            Errors error = groupAllowed ? Errors.TOPIC_AUTHORIZATION_FAILED : Errors.GROUP_AUTHORIZATION_FAILED;
            Consumer<Struct> addDenied = response -> {
                for (Struct topic : denied) {
                    Struct entry = response.addChild("topics").set("name", topic.getString("name"));
                    for (Struct partition : topic.getStructs("partitions")) {
                        entry.addChild("partitions").set("partition_index", partition.getInt("partition_index"))
                                .set("error_code", error.code());
                    }
                }
            };
            if (request.getStructs("topics").isEmpty() && !denied.isEmpty()) {
                Struct response = new Struct(context.api().spec().response());
                addDenied.accept(response);
                responder.send(response);
                return;
            }
            handler.handle(context, request, amending(responder, addDenied));
        };
    }

    /** OffsetFetch: DESCRIBE on the group, and DESCRIBE on each topic (unauthorized ones are left out or failed). */
    public static RequestHandler offsetFetch(RequestHandler handler) {
        return (context, request, responder) -> {
            if (context.version() >= 8) {
                offsetFetchGroups(handler, context, request, responder);
                return;
            }
            if (!group(context, AclOperation.DESCRIBE, request.getString("group_id"))) {
                Struct response = new Struct(context.api().spec().response());
                response.set("error_code", Errors.GROUP_AUTHORIZATION_FAILED.code());
                responder.send(response);
                return;
            }
            List<Struct> topics = request.getStructs("topics");
            List<Struct> denied = topics == null ? List.of()
                    : takeTopics(topics, t -> !context.isAuthorizedOnTopic(AclOperation.DESCRIBE, t.getString("name")));
            handler.handle(context, request, amending(responder, response -> {
                // All-topics fetches leave out topics the requester may not describe.
                response.getStructs("topics").removeIf(t -> !context.isAuthorizedOnTopic(AclOperation.DESCRIBE,
                        t.getString("name")));
                addDeniedFetch(response, denied);
            }));
        };
    }

    private static void offsetFetchGroups(RequestHandler handler, RequestContext context, Struct request,
                                          Responder responder) {
        List<Struct> deniedGroups = new ArrayList<>();
        request.getStructs("groups").removeIf(g -> {
            boolean denied = !group(context, AclOperation.DESCRIBE, g.getString("group_id"));
            if (denied) {
                deniedGroups.add(g);
            }
            return denied;
        });
        java.util.Map<String, List<Struct>> deniedTopics = new java.util.HashMap<>();
        for (Struct g : request.getStructs("groups")) {
            List<Struct> topics = g.getStructs("topics");
            if (topics != null) {
                deniedTopics.put(g.getString("group_id"), takeTopics(topics,
                        t -> !context.isAuthorizedOnTopic(AclOperation.DESCRIBE, t.getString("name"))));
            }
        }
        Consumer<Struct> amend = response -> {
            for (Struct g : response.getStructs("groups")) {
                g.getStructs("topics").removeIf(t -> !context.isAuthorizedOnTopic(AclOperation.DESCRIBE,
                        t.getString("name")));
                addDeniedFetch(g, deniedTopics.getOrDefault(g.getString("group_id"), List.of()));
            }
            for (Struct g : deniedGroups) {
                response.addChild("groups").set("group_id", g.getString("group_id"))
                        .set("error_code", Errors.GROUP_AUTHORIZATION_FAILED.code());
            }
        };
        if (request.getStructs("groups").isEmpty()) {
            Struct response = new Struct(context.api().spec().response());
            amend.accept(response);
            responder.send(response);
            return;
        }
        handler.handle(context, request, amending(responder, amend));
    }

    private static void addDeniedFetch(Struct parent, List<Struct> denied) {
        for (Struct topic : denied) {
            Struct entry = parent.addChild("topics").set("name", topic.getString("name"));
            for (Object index : topic.getList("partition_indexes")) {
                entry.addChild("partitions").set("partition_index", index).set("committed_offset", -1L)
                        .set("metadata", "").set("error_code", Errors.TOPIC_AUTHORIZATION_FAILED.code());
            }
        }
    }

    /** DescribeGroups: DESCRIBE on each group. */
    public static RequestHandler describeGroups(RequestHandler handler) {
        return (context, request, responder) -> {
            List<Object> groups = request.getList("groups");
            List<Object> denied = new ArrayList<>();
            groups.removeIf(g -> {
                boolean no = !group(context, AclOperation.DESCRIBE, (String) g);
                if (no) {
                    denied.add(g);
                }
                return no;
            });
            Consumer<Struct> amend = response -> denied.forEach(g -> response.addChild("groups").set("group_id", g)
                    .set("error_code", Errors.GROUP_AUTHORIZATION_FAILED.code()).set("group_state", "")
                    .set("protocol_type", "").set("protocol_data", ""));
            if (groups.isEmpty()) {
                Struct response = new Struct(context.api().spec().response());
                amend.accept(response);
                responder.send(response);
                return;
            }
            handler.handle(context, request, amending(responder, amend));
        };
    }

    /** ListGroups: everything with DESCRIBE on the cluster, else only the groups the requester may describe. */
    public static RequestHandler listGroups(RequestHandler handler) {
        return (context, request, responder) -> {
            if (context.isAuthorizedOnCluster(AclOperation.DESCRIBE)) {
                handler.handle(context, request, responder);
                return;
            }
            handler.handle(context, request, amending(responder, response -> response.getStructs("groups")
                    .removeIf(g -> !group(context, AclOperation.DESCRIBE, g.getString("group_id")))));
        };
    }

    /** DeleteGroups: DELETE on each group. */
    public static RequestHandler deleteGroups(RequestHandler handler) {
        return (context, request, responder) -> {
            List<Object> groups = request.getList("groups_names");
            List<Object> denied = new ArrayList<>();
            groups.removeIf(g -> {
                boolean no = !group(context, AclOperation.DELETE, (String) g);
                if (no) {
                    denied.add(g);
                }
                return no;
            });
            Consumer<Struct> amend = response -> denied.forEach(g -> response.addChild("results").set("group_id", g)
                    .set("error_code", Errors.GROUP_AUTHORIZATION_FAILED.code()));
            if (groups.isEmpty()) {
                Struct response = new Struct(context.api().spec().response());
                amend.accept(response);
                responder.send(response);
                return;
            }
            handler.handle(context, request, amending(responder, amend));
        };
    }

    /** OffsetDelete: DELETE on the group and READ on each topic. */
    public static RequestHandler offsetDelete(RequestHandler handler) {
        return (context, request, responder) -> {
            if (!group(context, AclOperation.DELETE, request.getString("group_id"))) {
                Struct response = new Struct(context.api().spec().response());
                response.set("error_code", Errors.GROUP_AUTHORIZATION_FAILED.code());
                responder.send(response);
                return;
            }
            List<Struct> denied = takeTopics(request.getStructs("topics"),
                    t -> !context.isAuthorizedOnTopic(AclOperation.READ, t.getString("name")));
            handler.handle(context, request, amending(responder, response -> {
                for (Struct topic : denied) {
                    Struct entry = response.addChild("topics").set("name", topic.getString("name"));
                    for (Struct partition : topic.getStructs("partitions")) {
                        entry.addChild("partitions").set("partition_index", partition.getInt("partition_index"))
                                .set("error_code", Errors.TOPIC_AUTHORIZATION_FAILED.code());
                    }
                }
            }));
        };
    }

    private static List<Struct> takeTopics(List<Struct> topics, java.util.function.Predicate<Struct> denied) {
        List<Struct> taken = new ArrayList<>();
        topics.removeIf(t -> {
            boolean no = denied.test(t);
            if (no) {
                taken.add(t);
            }
            return no;
        });
        return taken;
    }

    /** A responder that lets {@code amend} add to the response before it is sent. */
    static Responder amending(Responder responder, Consumer<Struct> amend) {
        return new Responder() {
            @Override
            public void send(Struct response) {
                amend.accept(response);
                responder.send(response);
            }

            @Override
            public void noResponse() {
                responder.noResponse();
            }

            @Override
            public void closeConnection(String reason) {
                responder.closeConnection(reason);
            }
        };
    }
}
