package io.tributary.broker.api;

import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.types.Struct;

/** Answers DescribeCluster (admin clients and the 4.x tools) from the cluster image. */
public final class DescribeClusterHandler implements RequestHandler {

    private final MetadataHandler.ClusterImageSource images;
    private final String listenerName;

    public DescribeClusterHandler(MetadataHandler.ClusterImageSource images, String listenerName) {
        this.images = images;
        this.listenerName = listenerName;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        ClusterImage image = images.image();
        Struct response = new Struct(context.api().spec().response());
        response.set("cluster_id", image.clusterId()).set("controller_id", image.controllerId());
        for (BrokerInfo broker : image.brokers().values()) {
            Endpoint endpoint = broker.endpoint(listenerName);
            response.addChild("brokers").set("broker_id", broker.id()).set("host", endpoint.host())
                    .set("port", endpoint.port()).set("rack", broker.rack());
        }
        responder.send(response);
    }
}
