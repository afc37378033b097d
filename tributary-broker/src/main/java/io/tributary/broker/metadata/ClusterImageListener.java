package io.tributary.broker.metadata;

/** Told of every new cluster image, in order, on the metadata thread. */
@FunctionalInterface
public interface ClusterImageListener {

    void onImage(ClusterImage previous, ClusterImage current);
}
