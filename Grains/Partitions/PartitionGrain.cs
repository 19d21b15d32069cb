using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using OrleansQueue.Grains.Hosting;

namespace OrleansQueue.Grains.Partitions;

/// <summary>
/// One partition: a FIFO of items with its lines of waiting getters and putters.
/// </summary>
/// <remarks>
/// Every method interleaves, so each is written as: awaits first, then one synchronous section that checks and changes
/// the state, then at most a wait in line. Nothing changes between a check and the change it guards.
/// An item leaves <see cref="items"/> only inside the synchronous section of the call that returns it, or when a parked
/// getter's completion is set with it; a cancelled or timed-out getter is taken out of its line in the same step that
/// ends it, so an item is never handed to a call that will not deliver it (C16).
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates its wait handle, so it holds nothing to dispose.")]
public sealed class PartitionGrain(IGrainContext context, IGrainFactory grainFactory, IOptions<QueueOptions> options)
    : Grain, IPartitionGrain
{
    // The longest a call may stay parked; a longer wait asked for ends early and the client calls again, losing nothing.
    private static readonly TimeSpan MaxParkedWait = TimeSpan.FromMinutes(10);

    private readonly QueueOptions limits = options.Value;

    // Which queue and which partition of it this is.
    private readonly (string QueueId, string? Partition) address = PartitionAddress.Parse(context.GrainId.Key.ToString()!);

    // The items, oldest first.
    private readonly Queue<StoredItem> items = new();

    // Getters waiting for an item, in arrival order (C15).
    private readonly WaitLine<TakeRequest, TakeResult> getters = new(request => request.OperationId);

    // Putters waiting for room, in arrival order (C12).
    private readonly WaitLine<PutRequest, PutResult> putters = new(request => request.OperationId);

    // Cancellations that found no waiting call.
    private readonly EarlyCancellations earlyCancellations = new();

    // Serializes joining and leaving the queue's live set, so that the queue grain sees them in the order they happen.
    private readonly SemaphoreSlim membership = new(1, 1);

    // The queue this partition belongs to, fetched once per activation; it also proves the queue exists.
    private Task<QueueInfo>? queue;

    // Whether the queue grain counts this partition as live; when false, the partition holds no item.
    private bool live;

    // The sequence number of the next stored item.
    private long nextSequence;

    // The last ticket given out; tickets follow the clock so that they keep their order across activations.
    private long lastTicket;

    private IQueueGrain QueueGrain => grainFactory.GetGrain<IQueueGrain>(address.QueueId);

    async Task<PutResult> IPartitionGrain.PutAsync(PutRequest request)
    {
        var info = await GetQueueAsync();
        CheckPut(request, info);
        while (!live)
        {
            await JoinQueueAsync();
        }

        if (earlyCancellations.Claim(request.OperationId))
        {
            return new PutResult(WaitOutcome.Cancelled, request.Ticket, limits.MaxPartitionItems);
        }

        var ticket = request.Ticket == 0 ? NextTicket() : request.Ticket;
        if (items.Count + request.Items.Length <= limits.MaxPartitionItems && !putters.HasAheadOf(ticket))
        {
            Append(request);
            Settle();
            return new PutResult(WaitOutcome.Completed, ticket, limits.MaxPartitionItems);
        }

        var timedOut = new PutResult(WaitOutcome.TimedOut, ticket, limits.MaxPartitionItems);
        return request.MaxWait == TimeSpan.Zero ? timedOut : await WaitInLineAsync(putters, new(request, ticket), request.MaxWait, timedOut);
    }

    async Task<TakeResult> IPartitionGrain.TakeAsync(TakeRequest request)
    {
        await GetQueueAsync();
        QueueArguments.CheckBatchSize(request.MaxCount, limits.MaxPartitionItems, nameof(request.MaxCount));
        CheckWait(request.MaxWait);
        if (earlyCancellations.Claim(request.OperationId))
        {
            return new TakeResult(WaitOutcome.Cancelled, [], request.Ticket);
        }

        var ticket = request.Ticket == 0 ? NextTicket() : request.Ticket;

        // Getters wait only while the partition is empty, so with items at hand nobody is ahead of this one.
        if (items.Count > 0)
        {
            var taken = Take(request.MaxCount);
            Settle();
            return new TakeResult(WaitOutcome.Completed, taken, ticket);
        }

        var timedOut = new TakeResult(WaitOutcome.TimedOut, [], ticket);
        return request.MaxWait == TimeSpan.Zero ? timedOut : await WaitInLineAsync(getters, new(request, ticket), request.MaxWait, timedOut);
    }

    Task IPartitionGrain.CancelAsync(Guid operationId)
    {
        if (getters.TryRemove(operationId, out var getter))
        {
            getter.Completion.SetResult(new TakeResult(WaitOutcome.Cancelled, [], getter.Ticket));
        }
        else if (putters.TryRemove(operationId, out var putter))
        {
            putter.Completion.SetResult(new PutResult(WaitOutcome.Cancelled, putter.Ticket, limits.MaxPartitionItems));

            // The cancelled putter may have held back smaller batches behind it.
            Settle();
        }
        else
        {
            earlyCancellations.Add(operationId);
        }

        return Task.CompletedTask;
    }

    async Task<int> IPartitionGrain.CountAsync()
    {
        await GetQueueAsync();
        return items.Count;
    }

    async Task IPartitionGrain.ClearAsync()
    {
        await GetQueueAsync();
        items.Clear();
        Settle();
        await LeaveQueueAsync();
    }

    /// <summary>Waits in line until served, cancelled, or out of time, whichever takes the waiter out of the line first.</summary>
    private static async Task<TResult> WaitInLineAsync<TRequest, TResult>(
        WaitLine<TRequest, TResult> line, Waiter<TRequest, TResult> waiter, TimeSpan maxWait, TResult timedOut)
    {
        line.Add(waiter);
        maxWait = maxWait < MaxParkedWait ? maxWait : MaxParkedWait;

        // Resume on the activation's scheduler, so the check below cannot race a put or a cancel.
        await ((Task)waiter.Completion.Task.WaitAsync(maxWait))
            .ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        if (line.Remove(waiter))
        {
            waiter.Completion.SetResult(timedOut);
        }

        return await waiter.Completion.Task;
    }

    /// <summary>Serves waiting getters while there are items, and admits waiting putters while the first one fits.</summary>
    private void Settle()
    {
        bool progressed;
        do
        {
            progressed = false;
            while (items.Count > 0 && getters.TryPeek(out var getter))
            {
                getters.Remove(getter);
                getter.Completion.SetResult(new TakeResult(WaitOutcome.Completed, Take(getter.Request.MaxCount), getter.Ticket));
                progressed = true;
            }

            // FIFO among putters: a batch that does not fit holds back the smaller ones behind it (C12).
            while (putters.TryPeek(out var putter) && items.Count + putter.Request.Items.Length <= limits.MaxPartitionItems)
            {
                putters.Remove(putter);
                Append(putter.Request);
                putter.Completion.SetResult(new PutResult(WaitOutcome.Completed, putter.Ticket, limits.MaxPartitionItems));
                progressed = true;
            }
        }
        while (progressed);
    }

    private void Append(PutRequest request)
    {
        foreach (var payload in request.Items)
        {
            items.Enqueue(new StoredItem(nextSequence++, payload));
        }

        // The in-memory partition is its own storage: keep it in memory as long as its items may live.
        DelayDeactivation(request.PartitionTtl);
    }

    private ImmutableArray<byte[]> Take(int maxCount)
    {
        var taken = ImmutableArray.CreateBuilder<byte[]>(Math.Min(maxCount, items.Count));
        while (taken.Count < taken.Capacity)
        {
            taken.Add(items.Dequeue().Payload);
        }

        return taken.MoveToImmutable();
    }

    private long NextTicket() => lastTicket = Math.Max(lastTicket + 1, DateTime.UtcNow.Ticks);

    private async Task<QueueInfo> GetQueueAsync()
    {
        queue ??= QueueGrain.GetInfoAsync();
        try
        {
            return await queue;
        }
        catch
        {
            // Ask again next time: the queue may be created later, or the queue grain may have been unreachable.
            queue = null;
            throw;
        }
    }

    private async Task JoinQueueAsync()
    {
        await membership.WaitAsync();
        try
        {
            if (!live)
            {
                await QueueGrain.AddPartitionAsync(address.Partition ?? "");
                live = true;
            }
        }
        finally
        {
            membership.Release();
        }
    }

    private async Task LeaveQueueAsync()
    {
        await membership.WaitAsync();
        try
        {
            if (live && items.Count == 0)
            {
                // Puts that arrive meanwhile wait on the membership lock and join again afterwards.
                live = false;
                try
                {
                    await QueueGrain.RemovePartitionAsync(address.Partition ?? "");
                }
                catch
                {
                    live = true;
                    throw;
                }
            }
        }
        finally
        {
            membership.Release();
        }
    }

    private void CheckPut(PutRequest request, QueueInfo info)
    {
        QueueArguments.CheckBatchSize(request.Items.Length, limits.MaxPartitionItems, nameof(request.Items));
        QueueArguments.CheckPartitionTtl(request.PartitionTtl, limits.MaxPartitionTtl);
        CheckWait(request.MaxWait);
        foreach (var payload in request.Items)
        {
            if (payload.Length > limits.MaxItemBytes)
            {
                throw new QueueItemTooLargeException(
                    $"An item of {payload.Length} bytes is larger than the limit of {limits.MaxItemBytes} bytes " +
                    $"for {QueueText.Describe(info.Name, info.Id, address.Partition)}.");
            }
        }
    }

    private static void CheckWait(TimeSpan maxWait)
    {
        if (maxWait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWait), maxWait, "A wait may not be negative.");
        }
    }
}
