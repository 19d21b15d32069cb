using Orleans.Concurrency;

namespace OrleansQueue.Grains;

/// <summary>
/// One partition of one queue (key: <see cref="PartitionAddress"/>): a FIFO of items with its waiting getters and putters.
/// Every method interleaves: a put or a get may be parked for a while, and nothing may queue up behind it.
/// </summary>
public interface IPartitionGrain : IGrainWithStringKey
{
    /// <summary>Appends a batch whole, waiting in line up to <see cref="PutRequest.MaxWait"/> while it does not fit.</summary>
    /// <param name="request">The batch and the wait.</param>
    /// <returns>Whether the batch was stored.</returns>
    [AlwaysInterleave]
    Task<PutResult> PutAsync(PutRequest request);

    /// <summary>Removes up to <see cref="TakeRequest.MaxCount"/> items, waiting in line up to <see cref="TakeRequest.MaxWait"/> for the first.</summary>
    /// <param name="request">How many and how long.</param>
    /// <returns>The items, or why there are none.</returns>
    [AlwaysInterleave]
    Task<TakeResult> TakeAsync(TakeRequest request);

    /// <summary>
    /// Ends the waiting call of an operation with <see cref="WaitOutcome.Cancelled"/>, unless it has completed already.
    /// A cancel that arrives before its call is remembered for a while, so that call ends at once.
    /// </summary>
    /// <param name="operationId">The operation to cancel.</param>
    /// <returns>Nothing: the waiting call itself tells the client how it ended.</returns>
    [AlwaysInterleave, OneWay]
    Task CancelAsync(Guid operationId);

    /// <summary>
    /// Reads items from a sequence number on without removing them, waiting up to <see cref="PeekRequest.MaxWait"/> for a
    /// new one when there is none.
    /// </summary>
    /// <param name="request">Where to start and how long to wait.</param>
    /// <returns>A page of items and where the next one starts.</returns>
    [AlwaysInterleave]
    Task<PeekResult> PeekAsync(PeekRequest request);

    /// <summary>Describes the partition for an operator.</summary>
    /// <returns>Its length, bytes, oldest item's age, time to expiry and waiting calls.</returns>
    [AlwaysInterleave]
    Task<PartitionInfo> DescribeAsync();

    /// <summary>Counts the items.</summary>
    /// <returns>The number of items.</returns>
    [AlwaysInterleave]
    Task<int> CountAsync();

    /// <summary>Removes every item, lets waiting putters in, and gives the partition's live slot back to its queue.</summary>
    /// <returns>A task that completes when the partition is empty.</returns>
    [AlwaysInterleave]
    Task ClearAsync();

    /// <summary>
    /// Ends the partition of a deleted queue: drops its items, ends its waiting calls with
    /// <see cref="QueueNotFoundException"/>, and forgets its expiry. Called by the queue grain, which has already
    /// forgotten the partition, so it does not call back.
    /// </summary>
    /// <returns>A task that completes when the partition is gone.</returns>
    [AlwaysInterleave]
    Task DeleteAsync();
}
