package io.tributary.compat.kafka241;

/** The order of the requirement documents' example: id, product, quantity and amount. Immutable. */
public final class Order {

    private final Integer orderId;
    private final Integer productId;
    private final Integer productNum;
    private final Double orderAmount;

    public Order(Integer orderId, Integer productId, Integer productNum, Double orderAmount) {
        this.orderId = orderId;
        this.productId = productId;
        this.productNum = productNum;
        this.orderAmount = orderAmount;
    }

    public Integer getOrderId() {
        return orderId;
    }

    /** The same JSON object the documents produce with a JSON library, written by hand to keep this module's only dependency kafka-clients. */
    public String toJson() {
        return "{\"orderAmount\":" + orderAmount + ",\"orderId\":" + orderId
                + ",\"productId\":" + productId + ",\"productNum\":" + productNum + "}";
    }
}
