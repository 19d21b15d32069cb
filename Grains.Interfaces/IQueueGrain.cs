using Orleans.Concurrency;

namespace OrleansQueue.Grains;

/// <summary>
/// One queue (key: its id): what it is, and which of its partitions are live. Partitions tell it when they become live
/// (first put) and stop being live (cleared), so it is never on the path of an ordinary put or get.
/// </summary>
public interface IQueueGrain : IGrainWithStringKey
{
    /// <summary>Brings the queue into being; called once by the directory that named it.</summary>
    /// <param name="info">What the queue is.</param>
    /// <returns>A task that completes when the queue is stored.</returns>
    Task InitializeAsync(QueueInfo info);

    /// <summary>What the queue is.</summary>
    /// <returns>The queue's description.</returns>
    /// <exception cref="QueueNotFoundException">The queue does not exist.</exception>
    [AlwaysInterleave]
    Task<QueueInfo> GetInfoAsync();

    /// <summary>Counts a partition as live (idempotent).</summary>
    /// <param name="partition">The partition key, empty for the default partition.</param>
    /// <returns>A task that completes when the partition is counted.</returns>
    /// <exception cref="QueueFullException">The queue already has its limit of live partitions (C5).</exception>
    Task AddPartitionAsync(string partition);

    /// <summary>Stops counting a partition as live (idempotent).</summary>
    /// <param name="partition">The partition key, empty for the default partition.</param>
    /// <returns>A task that completes when the partition is no longer counted.</returns>
    Task RemovePartitionAsync(string partition);

    /// <summary>Sums the items of every live partition (C18).</summary>
    /// <returns>The total number of items.</returns>
    [AlwaysInterleave]
    Task<long> CountAsync();

    /// <summary>Empties every live partition (C19).</summary>
    /// <returns>A task that completes when every partition is empty.</returns>
    [AlwaysInterleave]
    Task ClearAsync();
}
