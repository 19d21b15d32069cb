using System.Collections.Immutable;

namespace OrleansQueue.Grains.Partitions.Storage;

/// <summary>What a durable partition finds in storage when it is activated.</summary>
/// <param name="Items">The items not yet consumed, oldest first.</param>
/// <param name="NextSequence">The sequence number of the next item, or <c>null</c> if the partition never had one.</param>
/// <param name="ExpiresAt">The expiry the last put set.</param>
/// <param name="Live">Whether the partition was put to since it was last released.</param>
/// <param name="Deliveries">The recent deliveries the head record keeps, oldest first.</param>
internal sealed record PartitionSnapshot(
    IReadOnlyList<StoredItem> Items, long? NextSequence, DateTimeOffset ExpiresAt, bool Live, ImmutableArray<RetainedDelivery> Deliveries);
