using Orleans.Concurrency;

namespace OrleansQueue.Grains;

/// <summary>
/// One queue (key: its id): what it is, and which of its partitions are live. Partitions tell it when they become live
/// (first put) and stop being live (cleared), so it is never on the path of an ordinary put or get.
/// </summary>
public interface IQueueGrain : IGrainWithStringKey
{
    /// <summary>
    /// Brings the queue into being; called once by the directory that named it, or by the client that made an ephemeral
    /// queue (<see cref="QueueInfo.Name"/> <c>null</c>), which must then keep it alive with <see cref="HeartbeatAsync"/>.
    /// </summary>
    /// <param name="info">What the queue is.</param>
    /// <returns>A task that completes when the queue is stored.</returns>
    Task InitializeAsync(QueueInfo info);

    /// <summary>Keeps an ephemeral queue alive for another grace period (C25).</summary>
    /// <returns>How long the owner may wait before the next heartbeat.</returns>
    /// <exception cref="QueueNotFoundException">The queue is gone.</exception>
    Task<TimeSpan> HeartbeatAsync();

    /// <summary>
    /// Says what the queue is to a partition that has just been activated, and remembers the partition as active until
    /// it calls <see cref="DetachAsync"/>, so that a deletion reaches its waiting calls even when it is not live.
    /// </summary>
    /// <param name="partition">The partition key, empty for the default partition.</param>
    /// <returns>The queue's description.</returns>
    /// <exception cref="QueueNotFoundException">The queue does not exist.</exception>
    [AlwaysInterleave]
    Task<QueueInfo> AttachAsync(string partition);

    /// <summary>Forgets an activation of a partition that is being deactivated.</summary>
    /// <param name="partition">The partition key, empty for the default partition.</param>
    /// <returns>Nothing: the partition does not wait.</returns>
    [AlwaysInterleave, OneWay]
    Task DetachAsync(string partition);

    /// <summary>What the queue is.</summary>
    /// <returns>The queue's description.</returns>
    /// <exception cref="QueueNotFoundException">The queue does not exist.</exception>
    [AlwaysInterleave]
    Task<QueueInfo> GetInfoAsync();

    /// <summary>Counts a partition as live (idempotent).</summary>
    /// <param name="partition">The partition key, empty for the default partition.</param>
    /// <returns>A task that completes when the partition is counted.</returns>
    /// <exception cref="QueueFullException">The queue already has its limit of live partitions (C5).</exception>
    [AlwaysInterleave]
    Task AddPartitionAsync(string partition);

    /// <summary>Stops counting a partition as live (idempotent).</summary>
    /// <param name="partition">The partition key, empty for the default partition.</param>
    /// <returns>A task that completes when the partition is no longer counted.</returns>
    [AlwaysInterleave]
    Task RemovePartitionAsync(string partition);

    /// <summary>Sums the items of every live partition (C18).</summary>
    /// <returns>The total number of items.</returns>
    [AlwaysInterleave]
    Task<long> CountAsync();

    /// <summary>What the queue is, with its live partitions and items, for a listing (C24).</summary>
    /// <returns>The summary.</returns>
    /// <exception cref="QueueNotFoundException">The queue does not exist.</exception>
    [AlwaysInterleave]
    Task<QueueSummary> GetSummaryAsync();

    /// <summary>A page of the live partitions' keys, in ordinal order, for listing them a page at a time.</summary>
    /// <param name="after">The last key of the previous page, or <c>null</c> for the first page.</param>
    /// <param name="max">The most keys to return.</param>
    /// <returns>The keys (empty string for the default partition).</returns>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> GetPartitionKeysAsync(string? after, int max);

    /// <summary>Empties every live partition (C19).</summary>
    /// <returns>A task that completes when every partition is empty.</returns>
    [AlwaysInterleave]
    Task ClearAsync();

    /// <summary>
    /// Deletes the queue: its partitions lose their items and their waiting calls end with
    /// <see cref="QueueNotFoundException"/>; the id is never used again (C23).
    /// </summary>
    /// <returns>A task that completes when every partition is gone.</returns>
    Task DeleteAsync();
}
