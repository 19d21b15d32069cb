using System.Collections.Immutable;
using OrleansQueue.Grains.Partitions.Storage;

namespace OrleansQueue.Grains.Partitions;

/// <summary>
/// Durable storage: puts and consumption are staged and written together by one flush at a time (group commit, C33);
/// a put is answered, and its items become visible, once its segment is written (C30); a get once its removal is (C31).
/// Without durable storage each step completes at once.
/// </summary>
public sealed partial class PartitionGrain
{
    private bool HasRoomFor(PutRequest request) => items.Count + reserved + request.Items.Length <= limits.MaxPartitionItems;

    /// <summary>Stores a put that has room: at once in memory, or at the next flush to durable storage.</summary>
    private void Store(Waiter<PutRequest, PutResult> put)
    {
        if (storage is null)
        {
            AppendNow(put.Request);
            put.Completion.SetResult(Stored(put.Ticket));
            return;
        }

        reserved += put.Request.Items.Length;
        stagedPuts.Add(put);
        Flush();
    }

    /// <summary>Stores a put's items in memory, now.</summary>
    private void AppendNow(PutRequest put) => Append(put.Items, clock.GetUtcNow(), clock.GetUtcNow() + put.PartitionTtl);

    private PutResult Stored(long ticket) => new(WaitOutcome.Completed, ticket, limits.MaxPartitionItems);

    /// <summary>
    /// Answers a get whose items are out of the buffer: at once in memory, or once durable storage records it, which keeps
    /// the answer for the same get asked again.
    /// </summary>
    private void Deliver(Guid operationId, TaskCompletionSource<TakeResult> take, TakeResult result)
    {
        if (storage is null)
        {
            take.SetResult(result);
            return;
        }

        deliveries.Expect(operationId, take.Task);
        stagedTakes.Add(new StagedTake(operationId, take, result));
        Flush();
    }

    /// <summary>Records the head and whether the partition is live, after a clear or a release.</summary>
    private Task RecordHeadAsync()
    {
        if (storage is null)
        {
            return Task.CompletedTask;
        }

        var recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stagedHeadMoves.Add(recorded);
        Flush();
        return recorded.Task;
    }

    private void Flush()
    {
        if (flushing is not { IsCompleted: false })
        {
            flushing = FlushAsync();
        }
    }

    /// <summary>
    /// Writes what is staged, one batch at a time, and answers the calls each batch carried. If anything fails, or the
    /// partition closes, every call in the batch and still staged fails: none is left waiting for a flush that ended.
    /// </summary>
    private async Task FlushAsync()
    {
        // Let the calls already queued on this activation stage their work first, so that they share the writes (C33).
        await Task.Yield();
        Waiter<PutRequest, PutResult>[] puts = [];
        StagedTake[] takes = [];
        TaskCompletionSource[] headMoves = [];
        try
        {
            var records = await OpenStoreAsync();
            while (stagedPuts.Count + stagedTakes.Count + stagedHeadMoves.Count > 0)
            {
                ThrowIfClosed();
                (puts, takes, headMoves) = ([.. stagedPuts], [.. stagedTakes], [.. stagedHeadMoves]);
                stagedPuts.Clear();
                stagedTakes.Clear();
                stagedHeadMoves.Clear();
                ImmutableArray<byte[]> batch = [.. puts.SelectMany(put => put.Request.Items)];
                var now = clock.GetUtcNow();
                var expiry = puts.Length == 0 ? expiresAt : now + puts[^1].Request.PartitionTtl;
                try
                {
                    // The head is started first: it records the segment number the batch is about to take, not the one after.
                    var moveHead = takes.Length + headMoves.Length == 0
                        ? Task.CompletedTask
                        : records.MoveHeadAsync(Head, releasedAfter, deliveries.Keep(takes.Select(take => take.Retained(now)), now));
                    await Task.WhenAll(moveHead, batch.IsEmpty ? Task.CompletedTask : records.AppendAsync(nextSequence, batch, now, expiry));
                }
                catch (Exception e)
                {
                    logger.StorageFailed(e, description);
                    throw new QueueStorageException($"Storage of {description} failed ({e.Message}); try again.");
                }

                if (!batch.IsEmpty)
                {
                    reserved -= batch.Length;
                    Append(batch, now, expiry);
                }

                Array.ForEach(puts, put => put.Completion.SetResult(Stored(put.Ticket)));
                Array.ForEach(takes, take => take.Completion.SetResult(take.Result));
                Array.ForEach(headMoves, move => move.SetResult());
                (puts, takes, headMoves) = ([], [], []);
                Settle();
            }
        }
        catch (Exception e)
        {
            var failure = closed ?? e;
            Array.ForEach([.. puts, .. stagedPuts], put => put.Completion.TrySetException(failure));
            Array.ForEach([.. takes, .. stagedTakes], take => take.Completion.TrySetException(failure));
            Array.ForEach([.. headMoves, .. stagedHeadMoves], move => move.TrySetException(failure));
            stagedPuts.Clear();
            stagedTakes.Clear();
            stagedHeadMoves.Clear();
            if (closed is null)
            {
                // This activation's view of storage can no longer be trusted: the next call reloads it.
                Close(failure);
            }
        }
    }

    // The sequence number of the first item not consumed.
    private long Head => items.Count > 0 ? items[0].Sequence : nextSequence;

    private async Task LoadAsync()
    {
        if (storage is not null)
        {
            await OpenStoreAsync();
        }
    }

    private Task<PartitionStore> OpenStoreAsync() => store ??= ReadStoreAsync();

    private async Task<PartitionStore> ReadStoreAsync()
    {
        var records = new PartitionStore(storage!, context.GrainId);
        PartitionSnapshot snapshot;
        try
        {
            snapshot = await records.LoadAsync();
        }
        catch (Exception e)
        {
            logger.LoadFailed(e, description);
            store = null;
            throw new QueueStorageException($"{description} could not be read from storage: {e.Message}");
        }

        foreach (var item in snapshot.Items)
        {
            items.Enqueue(item);
        }

        nextSequence = snapshot.NextSequence ?? nextSequence;
        releasedAfter = snapshot.Live ? releasedAfter : nextSequence - 1;
        expiresAt = snapshot.ExpiresAt;
        live = snapshot.Live;
        deliveries.Load(snapshot.Deliveries);
        if (live)
        {
            expiryTimer ??= this.RegisterGrainTimer(
                OnExpiryTimerAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true });
        }

        return records;
    }

    /// <summary>A get whose items are out of the buffer, waiting for their removal to be written.</summary>
    private sealed record StagedTake(Guid OperationId, TaskCompletionSource<TakeResult> Completion, TakeResult Result)
    {
        public RetainedDelivery Retained(DateTimeOffset at) => new(OperationId, at, Result.Items);
    }
}
