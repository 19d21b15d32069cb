using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using System.Diagnostics;
using OrleansQueue.Grains.Hosting;
using OrleansQueue.Grains.Observability;
using OrleansQueue.Grains.Partitions.Storage;

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
/// activation.</para>
/// <para>Without durable storage the activation is the partition's storage, and is kept in memory until expiry. With it,
/// puts and consumption are staged and written together by one flush at a time (group commit, C33): a put is
/// acknowledged, and its items become visible to getters, only once its segment is written (C30); a get returns its
/// items only once the consumption is written (C31). Any storage failure fails the calls in flight and drops the
/// activation, which reloads from storage on the next call (C34).</para>
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates its wait handle, so it holds nothing to dispose.")]
public sealed partial class PartitionGrain(
    IGrainContext context,
    IGrainFactory grainFactory,
    IOptions<QueueOptions> options,
    TimeProvider clock,
    IServiceProvider services,
    QueueMetrics metrics,
    ILogger<PartitionGrain> logger) : Grain, IPartitionGrain, IRemindable
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

    // How logs and errors name this partition.
    private readonly string description = Describe(context.GrainId);

    // The durable storage provider, or null when the activation's memory is the storage.
    private readonly IGrainStorage? storage = options.Value.DurablePartitions
        ? services.GetRequiredKeyedService<IGrainStorage>(QueueSiloBuilderExtensions.PartitionStorageName)
        : null;

    // Puts whose items wait for the next flush, in order.
    private readonly List<Waiter<PutRequest, PutResult>> stagedPuts = [];

    // Takes whose removal waits for the next flush, with their answers.
    private readonly List<StagedTake> stagedTakes = [];

    // The answers of recent gets, for the same get asked again (durable storage only).
    private readonly RecentDeliveries deliveries = new(options.Value.DeliveryRetention, options.Value.DeliveryRetentionBytes);

    // Clears and releases that wait for the next flush to record the head.
    private readonly List<TaskCompletionSource> stagedHeadMoves = [];

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

    // The partition's records, once loaded from durable storage.
    private Task<PartitionStore>? store;

    // The flush under way, if any.
    private Task? flushing;

    // Items of staged puts: they count against the partition's capacity before they are visible.
    private int reserved;

    // The partition stopped being live after this sequence number (durable storage only).
    private long releasedAfter = -1;

    // Why every call now fails: the queue was deleted, or storage failed and the activation is going away.
    private Exception? closed;

    // What the metrics see of this partition, once its queue is known.
    private PartitionGauge? gauge;

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

    // Items stored and removed since this activation started, from which an operator's view derives rates.
    private long itemsPut;
    private long itemsGot;

    private string Key => address.Partition ?? "";

    private IQueueGrain QueueGrain => grainFactory.GetGrain<IQueueGrain>(address.QueueId);

    async Task<PutResult> IPartitionGrain.PutAsync(PutRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await PutAsync(request);
        metrics.Put(QueueTag, request.Items.Length, result.Outcome, Stopwatch.GetElapsedTime(started));
        return result;
    }

    async Task<TakeResult> IPartitionGrain.TakeAsync(TakeRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await TakeAsync(request);
        metrics.Got(QueueTag, result.Items.Length, Stopwatch.GetElapsedTime(started));
        return result;
    }

    private async Task<PutResult> PutAsync(PutRequest request)
    {
        var info = await OpenAsync();
        CheckPut(request, info);
        await ExpireIfDueAsync();
        while (!live)
        {
            await JoinQueueAsync(request.PartitionTtl);
        }

        ThrowIfClosed();
        if (earlyCancellations.Claim(request.OperationId))
        {
            return new PutResult(WaitOutcome.Cancelled, request.Ticket, limits.MaxPartitionItems);
        }

        var ticket = request.Ticket == 0 ? NextTicket() : request.Ticket;
        if (HasRoomFor(request) && !putters.HasAheadOf(ticket))
        {
            // In memory the put is stored at once, with no waiter to allocate: the common path.
            if (storage is null)
            {
                AppendNow(request);
                Settle();
                return Stored(ticket);
            }

            var put = new Waiter<PutRequest, PutResult>(request, ticket);
            Store(put);
            Settle();
            return await put.Completion.Task;
        }

        var timedOut = new PutResult(WaitOutcome.TimedOut, ticket, limits.MaxPartitionItems);
        return request.MaxWait == TimeSpan.Zero ? timedOut : await WaitInLineAsync(putters, new(request, ticket), request.MaxWait, timedOut);
    }

    private async Task<TakeResult> TakeAsync(TakeRequest request)
    {
        await OpenAsync();
        QueueArguments.CheckBatchSize(request.MaxCount, limits.MaxPartitionItems, nameof(request.MaxCount));
        CheckWait(request.MaxWait);
        await ExpireIfDueAsync();
        ThrowIfClosed();

        // The same get asked again because its answer was lost: it receives the same items (C31).
        if (deliveries.TryFind(request.OperationId, out var answered))
        {
            return await answered;
        }

        if (earlyCancellations.Claim(request.OperationId))
        {
            return new TakeResult(WaitOutcome.Cancelled, [], request.Ticket);
        }

        var ticket = request.Ticket == 0 ? NextTicket() : request.Ticket;

        // The same get asked again while its first call still waits, whose answer will not arrive: this call takes its place.
        if (getters.TryRemove(request.OperationId, out var earlier))
        {
            earlier.Completion.SetResult(new TakeResult(WaitOutcome.TimedOut, [], earlier.Ticket));
            ticket = earlier.Ticket;
        }

        // Getters wait only while the partition is empty, so with items at hand nobody is ahead of this one.
        if (items.Count > 0)
        {
            var result = new TakeResult(WaitOutcome.Completed, Take(request.MaxCount), ticket);

            // In memory the items are the caller's at once, with no completion to allocate: the common path.
            if (storage is null)
            {
                Settle();
                return result;
            }

            var take = new TaskCompletionSource<TakeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            Deliver(request.OperationId, take, result);
            Settle();
            return await take.Task;
        }

        var timedOut = new TakeResult(WaitOutcome.TimedOut, [], ticket);
        return request.MaxWait == TimeSpan.Zero ? timedOut : await WaitInLineAsync(getters, new(request, ticket), request.MaxWait, timedOut);
    }

    Task IPartitionGrain.CancelAsync(Guid operationId)
    {
        if (getters.TryRemove(operationId, out var getter))
        {
            getter.Completion.SetResult(new TakeResult(WaitOutcome.Cancelled, [], getter.Ticket));
            Publish();
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
        await OpenAsync();
        CheckWait(request.MaxWait);
        await ExpireIfDueAsync();
        ThrowIfClosed();
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
        ThrowIfClosed();
        return Peek(request.FromSequence);
    }

    async Task<PartitionInfo> IPartitionGrain.DescribeAsync()
    {
        await OpenAsync();
        await ExpireIfDueAsync();
        ThrowIfClosed();
        var now = clock.GetUtcNow();
        return new PartitionInfo(
            address.Partition,
            items.Count,
            items.Bytes,
            items.Count > 0 ? now - new DateTimeOffset(items[0].StoredAt, TimeSpan.Zero) : null,
            live ? expiresAt - now : TimeSpan.Zero,
            getters.Count,
            putters.Count,
            itemsPut,
            itemsGot);
    }

    async Task<int> IPartitionGrain.CountAsync()
    {
        await OpenAsync();
        await ExpireIfDueAsync();
        ThrowIfClosed();
        return items.Count;
    }

    async Task IPartitionGrain.ClearAsync()
    {
        await OpenAsync();
        ThrowIfClosed();
        items.Clear();
        Settle();
        await RecordHeadAsync();
        await LeaveQueueAsync();
    }

    async Task IPartitionGrain.DeleteAsync()
    {
        var info = queue is { IsCompletedSuccessfully: true } ? queue.Result : null;
        Close(new QueueNotFoundException(
            $"{(info is null ? $"queue {address.QueueId}" : QueueText.Describe(info.Name, info.Id))} has been deleted."));
        live = false;
        StopExpiryTimer();
        await UnregisterExpiryReminderAsync();
        if (storage is not null)
        {
            try
            {
                await (await OpenStoreAsync()).DeleteAllAsync();
            }
            catch (Exception e)
            {
                logger.DeleteFailed(e, description);
            }
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (gauge is not null)
        {
            metrics.Untrack(gauge);
        }

        if (queue is { IsCompletedSuccessfully: true })
        {
            QueueGrain.DetachAsync(Key).Ignore();
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits in line until served, cancelled, or out of time, whichever takes the waiter out of the line first.</summary>
    private async Task<TResult> WaitInLineAsync<TRequest, TResult>(
        WaitLine<TRequest, TResult> line, Waiter<TRequest, TResult> waiter, TimeSpan maxWait, TResult timedOut)
    {
        line.Add(waiter);
        Publish();

        // Resume on the activation's scheduler, so the check below cannot race a put or a cancel.
        await ((Task)waiter.Completion.Task.WaitAsync(Min(maxWait, MaxParkedWait)))
            .ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        if (line.Remove(waiter))
        {
            waiter.Completion.SetResult(timedOut);
            Publish();
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
                Deliver(getter.Request.OperationId, getter.Completion, new TakeResult(WaitOutcome.Completed, Take(getter.Request.MaxCount), getter.Ticket));
                progressed = true;
            }

            // FIFO among putters: a batch that does not fit holds back the smaller ones behind it (C12).
            while (putters.TryPeek(out var putter) && HasRoomFor(putter.Request))
            {
                putters.Remove(putter);
                Store(putter);
                progressed = true;
            }
        }
        while (progressed);
        Publish();
    }

    /// <summary>Shows the metrics the partition as it is now.</summary>
    private void Publish()
    {
        if (gauge is null)
        {
            return;
        }

        Volatile.Write(ref gauge.Items, items.Count);
        Volatile.Write(ref gauge.Bytes, items.Bytes);
        Volatile.Write(ref gauge.OldestStoredAt, items.Count > 0 ? items[0].StoredAt : 0);
        Volatile.Write(ref gauge.WaitingGetters, getters.Count);
        Volatile.Write(ref gauge.WaitingPutters, putters.Count);
    }

    private string QueueTag => gauge?.Queue ?? address.QueueId;

    private void Append(ImmutableArray<byte[]> payloads, DateTimeOffset storedAt, DateTimeOffset expiry)
    {
        foreach (var payload in payloads)
        {
            items.Enqueue(new StoredItem(nextSequence++, payload, storedAt.UtcTicks));
        }

        itemsPut += payloads.Length;

        // Every put sets the expiry; reads never extend it (C21).
        expiresAt = expiry;
        var ttl = expiry - clock.GetUtcNow();
        expiryTimer ??= this.RegisterGrainTimer(
            OnExpiryTimerAsync, new GrainTimerCreationOptions(ttl, Timeout.InfiniteTimeSpan) { Interleave = true });

        // Without durable storage the activation holds the items: keep it in memory as long as they may live.
        if (storage is null)
        {
            DelayDeactivation(ttl);
        }

        WakeReaders();
    }

    private ImmutableArray<byte[]> Take(int maxCount)
    {
        var taken = ImmutableArray.CreateBuilder<byte[]>(Math.Min(maxCount, items.Count));
        while (taken.Count < taken.Capacity)
        {
            taken.Add(items.Dequeue().Payload);
        }

        itemsGot += taken.Count;

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

    /// <summary>Attaches to the queue (proving it exists) and loads the partition from storage, once per activation.</summary>
    private async Task<QueueInfo> OpenAsync()
    {
        ThrowIfClosed();
        queue ??= QueueGrain.AttachAsync(Key);
        QueueInfo info;
        try
        {
            info = await queue;
        }
        catch
        {
            // Ask again next time: the queue may be created later, or the queue grain may have been unreachable.
            queue = null;
            throw;
        }

        await LoadAsync();
        if (gauge is null)
        {
            gauge = new PartitionGauge(info.Name ?? info.Id);
            metrics.Track(gauge);
            Publish();
        }

        return info;
    }

    /// <summary>Ends every waiting call with an error and refuses new ones, for good in this activation.</summary>
    private void Close(Exception reason)
    {
        closed = reason;
        items.Clear();
        foreach (var getter in getters.RemoveAll())
        {
            getter.Completion.SetException(reason);
        }

        foreach (var putter in putters.RemoveAll())
        {
            putter.Completion.SetException(reason);
        }

        WakeReaders();
        DeactivateOnIdle();
    }

    private void ThrowIfClosed()
    {
        if (closed is not null)
        {
            throw closed;
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

    private static string Describe(GrainId grainId)
    {
        var (queueId, partition) = PartitionAddress.Parse(grainId.Key.ToString()!);
        return QueueText.Describe(null, queueId, partition);
    }
}
