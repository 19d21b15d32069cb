using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using OrleansQueue.Grains.Hosting;

namespace OrleansQueue.Grains.Partitions;

/// <summary>
/// One partition: a FIFO of items with its lines of waiting getters and putters, and its expiry.
/// </summary>
/// <remarks>
/// <para>Every method interleaves, so each is written as: awaits first, then one synchronous section that checks and
/// changes the state, then at most a wait. Nothing changes between a check and the change it guards.</para>
/// <para>An item leaves the buffer only inside the synchronous section of the call that returns it, or when a parked
/// getter's completion is set with it; a cancelled or timed-out getter is taken out of its line in the same step that
/// ends it, so an item is never handed to a call that will not deliver it (C16).</para>
/// <para>The partition is live (counted by its queue, C5) from its first put until it is cleared or expires (C21).
/// Expiry is checked on every call, by a timer while the partition is in memory, and by a reminder that outlives the
/// activation. With in-memory storage the activation is the partition's storage, so it is kept in memory until expiry.</para>
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates its wait handle, so it holds nothing to dispose.")]
public sealed class PartitionGrain(
    IGrainContext context,
    IGrainFactory grainFactory,
    IOptions<QueueOptions> options,
    TimeProvider clock) : Grain, IPartitionGrain, IRemindable
{
    private const string ExpiryReminder = "expiry";

    // The longest a call may stay parked; a longer wait asked for ends early and the client calls again, losing nothing.
    private static readonly TimeSpan MaxParkedWait = TimeSpan.FromMinutes(10);

    // The most items, and roughly the most bytes, one page of an iteration carries.
    private const int MaxPageItems = 1_000;
    private const int MaxPageBytes = 4 * 1024 * 1024;

    private readonly QueueOptions limits = options.Value;

    // Which queue and which partition of it this is.
    private readonly (string QueueId, string? Partition) address = PartitionAddress.Parse(context.GrainId.Key.ToString()!);

    // The items, oldest first.
    private readonly ItemBuffer items = new();

    // Getters waiting for an item, in arrival order (C15).
    private readonly WaitLine<TakeRequest, TakeResult> getters = new(request => request.OperationId);

    // Putters waiting for room, in arrival order (C12).
    private readonly WaitLine<PutRequest, PutResult> putters = new(request => request.OperationId);

    // Iterations waiting for the next put.
    private readonly List<TaskCompletionSource> readers = [];

    // Cancellations that found no waiting call.
    private readonly EarlyCancellations earlyCancellations = new();

    // Serializes joining and leaving the queue's live set, so that the queue grain sees them in the order they happen.
    private readonly SemaphoreSlim membership = new(1, 1);

    // The queue, fetched once per activation, which also tells the queue grain this partition is active.
    private Task<QueueInfo>? queue;

    // Why every call now fails, once the queue has been deleted.
    private QueueNotFoundException? deleted;

    // Whether the queue grain counts this partition as live; when false, the partition holds no item.
    private bool live;

    // When the partition expires, while it is live (C21).
    private DateTimeOffset expiresAt;

    // Fires at expiry while the partition is in memory.
    private IGrainTimer? expiryTimer;

    // The sequence number of the next stored item; it starts from the clock, so it keeps growing across activations.
    private long nextSequence = DateTime.UtcNow.Ticks;

    // The last ticket given out; tickets follow the clock so that they keep their order across activations.
    private long lastTicket;

    private string Key => address.Partition ?? "";

    private IQueueGrain QueueGrain => grainFactory.GetGrain<IQueueGrain>(address.QueueId);

    async Task<PutResult> IPartitionGrain.PutAsync(PutRequest request)
    {
        var info = await GetQueueAsync();
        CheckPut(request, info);
        await ExpireIfDueAsync();
        while (!live)
        {
            await JoinQueueAsync(request.PartitionTtl);
        }

        ThrowIfDeleted();
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
        await ExpireIfDueAsync();
        ThrowIfDeleted();
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

    async Task<PeekResult> IPartitionGrain.PeekAsync(PeekRequest request)
    {
        await GetQueueAsync();
        CheckWait(request.MaxWait);
        await ExpireIfDueAsync();
        ThrowIfDeleted();
        var page = Peek(request.FromSequence);
        if (!page.Items.IsEmpty || request.MaxWait == TimeSpan.Zero)
        {
            return page;
        }

        var put = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        readers.Add(put);
        await ((Task)put.Task.WaitAsync(Min(request.MaxWait, MaxParkedWait)))
            .ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        readers.Remove(put);
        ThrowIfDeleted();
        return Peek(request.FromSequence);
    }

    async Task<int> IPartitionGrain.CountAsync()
    {
        await GetQueueAsync();
        await ExpireIfDueAsync();
        ThrowIfDeleted();
        return items.Count;
    }

    async Task IPartitionGrain.ClearAsync()
    {
        await GetQueueAsync();
        ThrowIfDeleted();
        items.Clear();
        Settle();
        await LeaveQueueAsync();
    }

    async Task IPartitionGrain.DeleteAsync()
    {
        var info = queue is { IsCompletedSuccessfully: true } ? queue.Result : null;
        deleted = new QueueNotFoundException(
            $"{(info is null ? $"queue {address.QueueId}" : QueueText.Describe(info.Name, info.Id))} has been deleted.");
        items.Clear();
        foreach (var getter in getters.RemoveAll())
        {
            getter.Completion.SetException(deleted);
        }

        foreach (var putter in putters.RemoveAll())
        {
            putter.Completion.SetException(deleted);
        }

        WakeReaders();
        live = false;
        StopExpiryTimer();
        await UnregisterExpiryReminderAsync();
        DeactivateOnIdle();
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (live)
        {
            await ExpireIfDueAsync();
            return;
        }

        await membership.WaitAsync();
        try
        {
            // This activation holds nothing, yet the reminder says the partition was live: its items went with an earlier
            // activation (in-memory storage), or it has left already. Either way its slot is free. Checked under the lock,
            // since a put may have joined meanwhile.
            if (!live)
            {
                await QueueGrain.RemovePartitionAsync(Key);
                await UnregisterExpiryReminderAsync();
            }
        }
        finally
        {
            membership.Release();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (queue is { IsCompletedSuccessfully: true })
        {
            QueueGrain.DetachAsync(Key).Ignore();
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits in line until served, cancelled, or out of time, whichever takes the waiter out of the line first.</summary>
    private static async Task<TResult> WaitInLineAsync<TRequest, TResult>(
        WaitLine<TRequest, TResult> line, Waiter<TRequest, TResult> waiter, TimeSpan maxWait, TResult timedOut)
    {
        line.Add(waiter);

        // Resume on the activation's scheduler, so the check below cannot race a put or a cancel.
        await ((Task)waiter.Completion.Task.WaitAsync(Min(maxWait, MaxParkedWait)))
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

        // Every put sets the expiry; reads never extend it (C21).
        expiresAt = clock.GetUtcNow() + request.PartitionTtl;
        expiryTimer ??= this.RegisterGrainTimer(
            OnExpiryTimerAsync, new GrainTimerCreationOptions(request.PartitionTtl, Timeout.InfiniteTimeSpan) { Interleave = true });

        // The in-memory partition is its own storage: keep it in memory as long as its items may live.
        DelayDeactivation(request.PartitionTtl);
        WakeReaders();
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

    private PeekResult Peek(long fromSequence)
    {
        var page = ImmutableArray.CreateBuilder<byte[]>();
        var bytes = 0;
        var next = fromSequence;
        for (var i = items.PositionOf(fromSequence); i < items.Count && page.Count < MaxPageItems && bytes < MaxPageBytes; i++)
        {
            page.Add(items[i].Payload);
            bytes += items[i].Payload.Length;
            next = items[i].Sequence + 1;
        }

        return new PeekResult(page.DrainToImmutable(), next);
    }

    private void WakeReaders()
    {
        foreach (var reader in readers)
        {
            reader.TrySetResult();
        }
    }

    private long NextTicket() => lastTicket = Math.Max(lastTicket + 1, DateTime.UtcNow.Ticks);

    private async Task OnExpiryTimerAsync(CancellationToken cancellationToken)
    {
        var left = expiresAt - clock.GetUtcNow();
        if (live && left > TimeSpan.Zero)
        {
            // Puts moved the expiry on since the timer was set.
            expiryTimer?.Change(left, Timeout.InfiniteTimeSpan);
            return;
        }

        await ExpireIfDueAsync();
    }

    private Task ExpireIfDueAsync()
    {
        if (!live || clock.GetUtcNow() < expiresAt)
        {
            return Task.CompletedTask;
        }

        // Putters waiting for room come in with a new expiry; without them the partition stops being live.
        items.Clear();
        Settle();
        return LeaveQueueAsync();
    }

    private async Task<QueueInfo> GetQueueAsync()
    {
        ThrowIfDeleted();
        queue ??= QueueGrain.AttachAsync(Key);
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

    private async Task JoinQueueAsync(TimeSpan partitionTtl)
    {
        await membership.WaitAsync();
        try
        {
            if (!live)
            {
                await QueueGrain.AddPartitionAsync(Key);
                await this.RegisterOrUpdateReminder(ExpiryReminder, partitionTtl, limits.ExpiryReminderPeriod);
                expiresAt = clock.GetUtcNow() + partitionTtl;
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
                StopExpiryTimer();
                DelayDeactivation(TimeSpan.Zero);
                try
                {
                    await QueueGrain.RemovePartitionAsync(Key);
                }
                catch
                {
                    live = true;
                    throw;
                }

                await UnregisterExpiryReminderAsync();
            }
        }
        finally
        {
            membership.Release();
        }
    }

    private async Task UnregisterExpiryReminderAsync()
    {
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void StopExpiryTimer()
    {
        expiryTimer?.Dispose();
        expiryTimer = null;
    }

    private void ThrowIfDeleted()
    {
        if (deleted is not null)
        {
            throw deleted;
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

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
