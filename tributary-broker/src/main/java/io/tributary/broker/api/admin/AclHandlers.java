package io.tributary.broker.api.admin;

import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.broker.security.KafkaPrincipal;
import io.tributary.broker.security.acl.AclBinding;
import io.tributary.broker.security.acl.AclBindingFilter;
import io.tributary.broker.security.acl.AclOperation;
import io.tributary.broker.security.acl.AclPermissionType;
import io.tributary.broker.security.acl.PatternType;
import io.tributary.broker.security.acl.ResourceType;
import io.tributary.broker.zk.ZkAclStore;
import io.tributary.protocol.Errors;
import io.tributary.protocol.types.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DescribeAcls, CreateAcls and DeleteAcls (v0–3) over the ZooKeeper ACL store. Describing needs DESCRIBE on the
 * cluster, changing needs ALTER (CLUSTER_AUTHORIZATION_FAILED otherwise); without an authorizer they answer
 * SECURITY_DISABLED, as Kafka does. Stateless; thread-safe.
 */
public final class AclHandlers {

    private static final Logger log = LoggerFactory.getLogger(AclHandlers.class);

    private final ZkAclStore store;

    /** @param store null when no authorizer is configured */
    public AclHandlers(ZkAclStore store) {
        this.store = store;
    }

    public RequestHandler describe() {
        return this::handleDescribe;
    }

    public RequestHandler create() {
        return this::handleCreate;
    }

    public RequestHandler delete() {
        return this::handleDelete;
    }

    private Errors precheck(RequestContext context, AclOperation operation) {
        if (store == null) {
            return Errors.SECURITY_DISABLED;
        }
        return context.isAuthorized(operation, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME) ? Errors.NONE
                : Errors.CLUSTER_AUTHORIZATION_FAILED;
    }

    private void handleDescribe(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        Errors error = precheck(context, AclOperation.DESCRIBE);
        AclBindingFilter filter = filter(request);
        if (error == Errors.NONE && filter.problem() != null) {
            error = Errors.INVALID_REQUEST;
        }
        if (error != Errors.NONE) {
            responder.send(response.set("error_code", error.code()).set("error_message", message(error, filter)));
            return;
        }
        Map<AclBinding.ResourcePattern, List<AclBinding.Entry>> grouped = new LinkedHashMap<>();
        store.acls().stream().filter(filter::matches)
                .forEach(b -> grouped.computeIfAbsent(b.pattern(), p -> new ArrayList<>()).add(b.entry()));
        response.set("error_code", Errors.NONE.code()).set("error_message", null);
        grouped.forEach((pattern, entries) -> {
            Struct resource = response.addChild("resources").set("resource_type", pattern.type().code())
                    .set("resource_name", pattern.name()).set("pattern_type", pattern.patternType().code());
            for (AclBinding.Entry entry : entries) {
                resource.addChild("acls").set("principal", entry.principal()).set("host", entry.host())
                        .set("operation", entry.operation().code()).set("permission_type", entry.permission().code());
            }
        });
        responder.send(response);
    }

    private void handleCreate(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        Errors error = precheck(context, AclOperation.ALTER);
        List<AclBinding> valid = new ArrayList<>();
        List<Struct> results = new ArrayList<>();
        for (Struct creation : request.getStructs("creations")) {
            Struct result = response.addChild("results");
            results.add(result);
            if (error != Errors.NONE) {
                result.set("error_code", error.code()).set("error_message", message(error, null));
                continue;
            }
            String problem = null;
            AclBinding binding = null;
            try {
                binding = binding(creation);
                problem = problem(binding);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
            if (problem != null) {
                result.set("error_code", Errors.INVALID_REQUEST.code()).set("error_message", problem);
            } else {
                result.set("error_code", Errors.NONE.code()).set("error_message", null);
                valid.add(binding);
            }
        }
        if (!valid.isEmpty()) {
            try {
                store.add(valid);
                log.info("ACLs added by {}: {}", context.principal(), valid);
            } catch (Exception e) {
                log.warn("CreateAcls failed: {}", e.toString());
                for (Struct result : results) {
                    if (result.getShort("error_code") == Errors.NONE.code()) {
                        result.set("error_code", Errors.UNKNOWN_SERVER_ERROR.code()).set("error_message", e.getMessage());
                    }
                }
            }
        }
        responder.send(response);
    }

    private void handleDelete(RequestContext context, Struct request, Responder responder) {
        Struct response = new Struct(context.api().spec().response());
        Errors error = precheck(context, AclOperation.ALTER);
        for (Struct filterStruct : request.getStructs("filters")) {
            Struct result = response.addChild("filter_results");
            AclBindingFilter filter = filter(filterStruct);
            Errors filterError = error != Errors.NONE ? error : filter.problem() != null ? Errors.INVALID_REQUEST : Errors.NONE;
            if (filterError != Errors.NONE) {
                result.set("error_code", filterError.code()).set("error_message", message(filterError, filter));
                continue;
            }
            try {
                List<AclBinding> removed = store.delete(filter);
                result.set("error_code", Errors.NONE.code()).set("error_message", null);
                for (AclBinding b : removed) {
                    result.addChild("matching_acls").set("error_code", Errors.NONE.code()).set("error_message", null)
                            .set("resource_type", b.pattern().type().code()).set("resource_name", b.pattern().name())
                            .set("pattern_type", b.pattern().patternType().code())
                            .set("principal", b.entry().principal()).set("host", b.entry().host())
                            .set("operation", b.entry().operation().code())
                            .set("permission_type", b.entry().permission().code());
                }
                if (!removed.isEmpty()) {
                    log.info("ACLs removed by {}: {}", context.principal(), removed);
                }
            } catch (Exception e) {
                log.warn("DeleteAcls failed: {}", e.toString());
                result.set("error_code", Errors.UNKNOWN_SERVER_ERROR.code()).set("error_message", e.getMessage());
            }
        }
        responder.send(response);
    }

    private static String message(Errors error, AclBindingFilter filter) {
        return switch (error) {
            case SECURITY_DISABLED -> "No Authorizer is configured on the broker";
            case INVALID_REQUEST -> filter == null ? "Invalid ACL" : filter.problem();
            default -> error.message();
        };
    }

    private static AclBindingFilter filter(Struct s) {
        return new AclBindingFilter(ResourceType.forCode(s.getByte("resource_type_filter")),
                s.getString("resource_name_filter"), PatternType.forCode(s.getByte("pattern_type_filter")),
                s.getString("principal_filter"), s.getString("host_filter"), AclOperation.forCode(s.getByte("operation")),
                AclPermissionType.forCode(s.getByte("permission_type")));
    }

    private static AclBinding binding(Struct s) {
        KafkaPrincipal.parse(s.getString("principal"));
        return new AclBinding(new AclBinding.ResourcePattern(ResourceType.forCode(s.getByte("resource_type")),
                s.getString("resource_name"), PatternType.forCode(s.getByte("resource_pattern_type"))),
                new AclBinding.Entry(s.getString("principal"), s.getString("host"),
                        AclOperation.forCode(s.getByte("operation")), AclPermissionType.forCode(s.getByte("permission_type"))));
    }

    /** Kafka's checks of an ACL to create; null when it may be stored. */
    private static String problem(AclBinding b) {
        AclBinding.ResourcePattern p = b.pattern();
        AclBinding.Entry e = b.entry();
        if (p.type() == ResourceType.ANY || p.type() == ResourceType.UNKNOWN || p.patternType() == PatternType.ANY
                || p.patternType() == PatternType.MATCH || p.patternType() == PatternType.UNKNOWN
                || e.operation() == AclOperation.ANY || e.operation() == AclOperation.UNKNOWN
                || e.permission() == AclPermissionType.ANY || e.permission() == AclPermissionType.UNKNOWN) {
            return "Invalid ACL creation: ACL binding contains ANY or UNKNOWN";
        }
        if (p.name() == null || p.name().isEmpty() || p.name().contains("/")) {
            return "Invalid resource name " + p.name();
        }
        if (p.type() == ResourceType.CLUSTER && !p.name().equals(ResourceType.CLUSTER_NAME)) {
            return "The only valid name for the CLUSTER resource is " + ResourceType.CLUSTER_NAME;
        }
        if (e.host() == null || e.host().isEmpty()) {
            return "Invalid host";
        }
        return null;
    }
}
