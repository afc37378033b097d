package io.tributary.broker.api;

import io.tributary.broker.config.Listeners.Endpoint;
import io.tributary.broker.metadata.BrokerInfo;
import io.tributary.broker.metadata.ClusterImage;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.RequestHandler;
import io.tributary.broker.network.Responder;
import io.tributary.protocol.types.Struct;

/** Answers DescribeCluster (admin clients and the 4.x tools) from the cluster image, with the endpoints of the listener asked on. */
public final class DescribeClusterHandler implements RequestHandler {

    private final MetadataHandler.ClusterImageSource images;

    public DescribeClusterHandler(MetadataHandler.ClusterImageSource images) {
        this.images = images;
    }

    @Override
    public void handle(RequestContext context, Struct request, Responder responder) {
        ClusterImage image = images.image();
        Struct response = new Struct(context.api().spec().response());
        response.set("cluster_id", image.clusterId()).set("controller_id", image.controllerId());
        for (BrokerInfo broker : image.brokers().values()) {
            Endpoint endpoint = broker.endpoint(context.listenerName());
            if (endpoint == null) {
                continue; // as Kafka: a broker without the client's listener is not shown to that client
            }
            response.addChild("brokers").set("broker_id", broker.id()).set("host", endpoint.host())
                    .set("port", endpoint.port()).set("rack", broker.rack());
        }
        responder.send(response);
    }
}
