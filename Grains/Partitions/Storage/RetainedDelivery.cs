using System.Collections.Immutable;

namespace OrleansQueue.Grains.Partitions.Storage;

/// <summary>
/// The items a get took, kept for a while after its removal was written, so that the same get asked again (its answer
/// lost with a silo, a connection or a timeout) receives the same items instead of losing them (C31).
/// </summary>
/// <param name="OperationId">The get that took the items.</param>
/// <param name="DeliveredAt">When the removal was written; the delivery is forgotten a retention period later.</param>
/// <param name="Items">The items, oldest first.</param>
[GenerateSerializer, Immutable, Alias("OrleansQueue.RetainedDelivery")]
public sealed record RetainedDelivery(Guid OperationId, DateTimeOffset DeliveredAt, ImmutableArray<byte[]> Items);
