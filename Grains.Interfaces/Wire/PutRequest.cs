using System.Collections.Immutable;

namespace OrleansQueue.Grains;

/// <summary>One call of a put: a batch to append whole, and how long the silo may hold the call while the partition is full.</summary>
/// <param name="OperationId">Identifies the operation across its calls, so that the client can cancel it.</param>
/// <param name="Items">The serialized items, in order.</param>
/// <param name="PartitionTtl">The partition's new time-to-live.</param>
/// <param name="MaxWait">How long this call may wait for room; zero fails at once.</param>
/// <param name="Ticket">The place in line from an earlier call of the same operation, or 0 on the first call.</param>
[GenerateSerializer, Immutable, Alias("OrleansQueue.PutRequest")]
public sealed record PutRequest(Guid OperationId, ImmutableArray<byte[]> Items, TimeSpan PartitionTtl, TimeSpan MaxWait, long Ticket);
