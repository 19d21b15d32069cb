using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Orleans.Runtime.Messaging;
using OrleansQueue.Grains;

namespace OrleansQueue;

/// <summary>
/// A handle on one queue: a set of FIFO partitions shared by every process of the cluster. Handles are cheap, safe to
/// share between threads, and resolve their queue once. Get one from <see cref="QueueClient"/>.
/// </summary>
/// <remarks>
/// <para>A waiting put or get waits in the silo, not in the client: it is woken the moment an item or a slot is there,
/// keeps its place in line however long it waits (C15, C17), and a <c>null</c> timeout waits forever.</para>
/// <para>Cancelling a waiting get never loses an item: if the item was already on its way, the get returns it (C16).</para>
/// <para>A get whose call fails on the way (a silo dies, a connection breaks, a call times out) is asked again with the
/// same operation for up to <see cref="QueueClientOptions.FailoverTimeout"/>; a durable partition then answers it with
/// the items the lost call took (C31). A put whose call fails is not asked again: it may or may not have been stored.</para>
/// </remarks>
/// <example>
/// <code>
/// var queue = queues.FromName("jobs", createIfMissing: true);
/// await queue.PutAsync("some value");
/// await queue.PutAsync(123);
/// var first = await queue.GetAsync&lt;string&gt;();   // "some value"
/// </code>
/// </example>
public sealed class DistributedQueue : IAsyncDisposable
{
    private readonly QueueClient client;
    private readonly string description;
    private readonly Func<Task<QueueInfo>> resolve;
    private readonly EphemeralLease? lease;
    private Task<QueueInfo>? resolved;

    internal DistributedQueue(QueueClient client, string description, Func<Task<QueueInfo>> resolve, EphemeralLease? lease = null)
    {
        this.client = client;
        this.description = description;
        this.resolve = resolve;
        this.lease = lease;
    }

    /// <summary>
    /// Deletes the queue if this handle came from <see cref="QueueClient.EphemeralAsync"/> and owns it (C25); any other
    /// handle holds nothing, and disposing it does nothing.
    /// </summary>
    /// <returns>A task that completes when an owned queue is deleted.</returns>
    /// <example>
    /// <code>
    /// await using var scratch = await queues.EphemeralAsync();
    /// </code>
    /// </example>
    public ValueTask DisposeAsync() => lease?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>What the queue is: id, name, environment, when and by whom it was created (C26).</summary>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The queue's description.</returns>
    /// <exception cref="QueueNotFoundException">The queue does not exist.</exception>
    /// <example>
    /// <code>
    /// var info = await queue.InfoAsync();
    /// Console.WriteLine($"{info.Name} ({info.Id}) created by {info.CreatedBy}");
    /// </code>
    /// </example>
    public Task<QueueInfo> InfoAsync(CancellationToken cancellationToken = default) => ResolveAsync(cancellationToken);

    /// <summary>Appends a value at the tail of a partition (C10), waiting while the partition is full (C12).</summary>
    /// <typeparam name="T">The value's type; any type the serializer handles.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="partition">The partition key, or <c>null</c> for the default partition.</param>
    /// <param name="partitionTtl">How long the partition lives after this put: 1 s to 24 h, by default 24 h.</param>
    /// <param name="block">Whether to wait for room; if not, a full partition fails at once.</param>
    /// <param name="timeout">The longest wait for room; <c>null</c> waits forever.</param>
    /// <param name="cancellationToken">Gives up waiting; the value is then not stored.</param>
    /// <returns>A task that completes when the value is stored.</returns>
    /// <exception cref="QueueFullException">The partition stayed full, or the queue has no room for a new partition.</exception>
    /// <exception cref="QueueItemTooLargeException">The serialized value is larger than 1 MiB.</exception>
    /// <exception cref="ArgumentException">The partition key, time-to-live or timeout is not valid.</exception>
    /// <example>
    /// <code>
    /// await queue.PutAsync(new Job(7), partition: "eu", partitionTtl: TimeSpan.FromMinutes(10));
    /// </code>
    /// </example>
    public Task PutAsync<T>(
        T value,
        string? partition = null,
        TimeSpan? partitionTtl = null,
        bool block = true,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        // Not an async method, to spare a state machine per put; its errors still arrive through the task, as a put's do.
        try
        {
            QueueArguments.CheckPartition(partition);
            return PutItemsAsync([SerializeItem(value, partition)], partition, partitionTtl, block, timeout, cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    /// <summary>
    /// Appends values at the tail of a partition, in order and all together: either every value is stored, contiguously,
    /// or none is (C10, C11). Waits while the whole batch does not fit (C12). An empty batch does nothing.
    /// </summary>
    /// <typeparam name="T">The values' type.</typeparam>
    /// <param name="values">The values: at most 5,000, the partition limit.</param>
    /// <param name="partition">The partition key, or <c>null</c> for the default partition.</param>
    /// <param name="partitionTtl">How long the partition lives after this put: 1 s to 24 h, by default 24 h.</param>
    /// <param name="block">Whether to wait for room; if not, a partition without room fails at once.</param>
    /// <param name="timeout">The longest wait for room; <c>null</c> waits forever.</param>
    /// <param name="cancellationToken">Gives up waiting; the values are then not stored.</param>
    /// <returns>A task that completes when the values are stored.</returns>
    /// <exception cref="QueueFullException">The batch did not fit in time, or the queue has no room for a new partition.</exception>
    /// <exception cref="QueueItemTooLargeException">A serialized value is larger than 1 MiB.</exception>
    /// <exception cref="ArgumentException">More values than a partition holds, or another argument is not valid.</exception>
    /// <example>
    /// <code>
    /// await queue.PutManyAsync(new[] { 1, 2, 3 }, partition: "numbers");
    /// </code>
    /// </example>
    public async Task PutManyAsync<T>(
        IEnumerable<T> values,
        string? partition = null,
        TimeSpan? partitionTtl = null,
        bool block = true,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        QueueArguments.CheckPartition(partition);
        var items = Serialize(values, partition);
        if (items.Length > 0)
        {
            await PutItemsAsync(items, partition, partitionTtl, block, timeout, cancellationToken);
        }
    }

    private async Task PutItemsAsync(
        ImmutableArray<byte[]> items, string? partition, TimeSpan? partitionTtl, bool block, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var ttl = partitionTtl ?? QueueLimits.MaxPartitionTtl;
        QueueArguments.CheckPartitionTtl(ttl, QueueLimits.MaxPartitionTtl);
        QueueArguments.CheckTimeout(timeout);
        var (info, grain) = await PartitionAsync(partition, cancellationToken);
        var result = await WaitInSiloAsync(
            grain,
            block,
            timeout,
            (operation, wait, ticket) => grain.PutAsync(new PutRequest(operation, items, ttl, wait, ticket)),
            cancellationToken);
        if (result.Outcome != WaitOutcome.Completed)
        {
            throw new QueueFullException(
                $"{QueueText.Describe(info.Name, info.Id, partition)} is full (limit {result.Capacity} items) and had no room " +
                $"for {items.Length} more {Waited(block, timeout)}.");
        }
    }

    /// <summary>Removes and returns the item at the head of a partition, waiting while it is empty (C13).</summary>
    /// <typeparam name="T">The type the item is read as.</typeparam>
    /// <param name="partition">The partition key, or <c>null</c> for the default partition.</param>
    /// <param name="block">Whether to wait for an item; if not, an empty partition fails at once.</param>
    /// <param name="timeout">The longest wait; <c>null</c> waits forever.</param>
    /// <param name="cancellationToken">Gives up waiting; an item already on its way is still returned (C16).</param>
    /// <returns>The item.</returns>
    /// <exception cref="QueueEmptyException">The partition stayed empty.</exception>
    /// <example>
    /// <code>
    /// var job = await queue.GetAsync&lt;Job&gt;(timeout: TimeSpan.FromSeconds(5));
    /// </code>
    /// </example>
    public async Task<T> GetAsync<T>(
        string? partition = null,
        bool block = true,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var items = await TakeAsync(1, partition, block, timeout, cancellationToken);
        return items.IsEmpty ? throw await EmptyAsync(partition, block, timeout) : client.Serializer.Deserialize<T>(items[0]);
    }

    /// <summary>Like <see cref="GetAsync{T}"/>, but answers <c>Found = false</c> instead of throwing when no item came (C13).</summary>
    /// <typeparam name="T">The type the item is read as.</typeparam>
    /// <param name="partition">The partition key, or <c>null</c> for the default partition.</param>
    /// <param name="block">Whether to wait for an item.</param>
    /// <param name="timeout">The longest wait; <c>null</c> waits forever.</param>
    /// <param name="cancellationToken">Gives up waiting; an item already on its way is still returned (C16).</param>
    /// <returns>Whether an item came, and the item.</returns>
    /// <example>
    /// <code>
    /// var (found, job) = await queue.TryGetAsync&lt;Job&gt;(block: false);
    /// </code>
    /// </example>
    public async Task<(bool Found, T? Value)> TryGetAsync<T>(
        string? partition = null,
        bool block = true,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var items = await TakeAsync(1, partition, block, timeout, cancellationToken);
        return items.IsEmpty ? (false, default) : (true, client.Serializer.Deserialize<T>(items[0]));
    }

    /// <summary>
    /// Removes and returns up to <paramref name="count"/> items from the head of a partition, as soon as there is at least
    /// one: it does not wait to fill the batch (C14).
    /// </summary>
    /// <typeparam name="T">The type the items are read as.</typeparam>
    /// <param name="count">The most items to return: 1 to 5,000.</param>
    /// <param name="partition">The partition key, or <c>null</c> for the default partition.</param>
    /// <param name="block">Whether to wait for the first item; if not, an empty partition gives an empty list.</param>
    /// <param name="timeout">The longest wait for the first item; <c>null</c> waits forever.</param>
    /// <param name="cancellationToken">Gives up waiting; items already on their way are still returned (C16).</param>
    /// <returns>The items, oldest first.</returns>
    /// <exception cref="QueueEmptyException">The partition stayed empty for the whole <paramref name="timeout"/>.</exception>
    /// <example>
    /// <code>
    /// foreach (var job in await queue.GetManyAsync&lt;Job&gt;(100)) { Handle(job); }
    /// </code>
    /// </example>
    public async Task<IReadOnlyList<T>> GetManyAsync<T>(
        int count,
        string? partition = null,
        bool block = true,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        QueueArguments.CheckBatchSize(count, QueueLimits.MaxPartitionItems, nameof(count));
        var items = await TakeAsync(count, partition, block, timeout, cancellationToken);
        if (items.IsEmpty && block)
        {
            throw await EmptyAsync(partition, block, timeout);
        }

        return [.. items.Select(client.Serializer.Deserialize<T>)];
    }

    /// <summary>
    /// Reads the items of a partition in FIFO order without removing them (C20). Items put during the iteration are read
    /// too; items taken by a get before the iteration reaches them are not. The iteration ends when no new item comes
    /// within <paramref name="itemPollTimeout"/>; the default, zero, makes one pass over what is there.
    /// </summary>
    /// <typeparam name="T">The type the items are read as.</typeparam>
    /// <param name="partition">The partition key, or <c>null</c> for the default partition.</param>
    /// <param name="itemPollTimeout">How long to wait for a new item before ending; <c>null</c> or zero does not wait.</param>
    /// <param name="cancellationToken">Ends the iteration.</param>
    /// <returns>The items, oldest first.</returns>
    /// <example>
    /// <code>
    /// await foreach (var job in queue.IterateAsync&lt;Job&gt;(itemPollTimeout: TimeSpan.FromSeconds(5)))
    ///     Console.WriteLine(job);
    /// </code>
    /// </example>
    public async IAsyncEnumerable<T> IterateAsync<T>(
        string? partition = null,
        TimeSpan? itemPollTimeout = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        QueueArguments.CheckPartition(partition);
        var poll = itemPollTimeout ?? TimeSpan.Zero;
        if (poll < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(itemPollTimeout), poll, "An item poll timeout may not be negative.");
        }

        var (_, grain) = await PartitionAsync(partition, cancellationToken);
        var next = 0L;
        var idleSince = Stopwatch.GetTimestamp();
        while (true)
        {
            var left = poll - Stopwatch.GetElapsedTime(idleSince);
            var wait = left <= TimeSpan.Zero ? TimeSpan.Zero : left < client.MaxServerWait ? left : client.MaxServerWait;
            var page = await grain.PeekAsync(new PeekRequest(next, wait)).WaitAsync(cancellationToken);
            if (page.Items.IsEmpty)
            {
                if (wait < left)
                {
                    continue;
                }

                yield break;
            }

            next = page.NextSequence;
            foreach (var item in page.Items)
            {
                yield return client.Serializer.Deserialize<T>(item);
            }

            idleSince = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Counts the items of one partition, or with <paramref name="total"/> of every live partition (C18).</summary>
    /// <param name="partition">The partition key, or <c>null</c> for the default partition.</param>
    /// <param name="total">Whether to count the whole queue; then <paramref name="partition"/> must be <c>null</c>.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The number of items.</returns>
    /// <exception cref="ArgumentException">Both a partition and <paramref name="total"/> were given (C8).</exception>
    /// <example>
    /// <code>
    /// long backlog = await queue.LenAsync(total: true);
    /// </code>
    /// </example>
    public async Task<long> LenAsync(string? partition = null, bool total = false, CancellationToken cancellationToken = default)
    {
        QueueArguments.CheckPartition(partition);
        if (total && partition is not null)
        {
            throw new ArgumentException("Count either one partition or the whole queue (total: true), not both.", nameof(total));
        }

        if (total)
        {
            var info = await ResolveAsync(cancellationToken);
            return await client.Grains.GetGrain<IQueueGrain>(info.Id).CountAsync().WaitAsync(cancellationToken);
        }

        var (_, grain) = await PartitionAsync(partition, cancellationToken);
        return await grain.CountAsync().WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Removes every item of one partition, or with <paramref name="all"/> of every partition; putters waiting for room
    /// then proceed (C19).
    /// </summary>
    /// <param name="partition">The partition key, or <c>null</c> for the default partition.</param>
    /// <param name="all">Whether to clear the whole queue; then <paramref name="partition"/> must be <c>null</c>.</param>
    /// <param name="cancellationToken">Stops waiting for the answer; the clear may still happen.</param>
    /// <returns>A task that completes when the items are gone.</returns>
    /// <exception cref="ArgumentException">Both a partition and <paramref name="all"/> were given (C8).</exception>
    /// <example>
    /// <code>
    /// await queue.ClearAsync(all: true);
    /// </code>
    /// </example>
    public async Task ClearAsync(string? partition = null, bool all = false, CancellationToken cancellationToken = default)
    {
        QueueArguments.CheckPartition(partition);
        if (all && partition is not null)
        {
            throw new ArgumentException("Clear either one partition or the whole queue (all: true), not both.", nameof(all));
        }

        if (all)
        {
            var info = await ResolveAsync(cancellationToken);
            await client.Grains.GetGrain<IQueueGrain>(info.Id).ClearAsync().WaitAsync(cancellationToken);
            return;
        }

        var (_, grain) = await PartitionAsync(partition, cancellationToken);
        await grain.ClearAsync().WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The live partitions, each with its length, bytes, oldest item's age, time to expiry and waiting calls, in ordinal
    /// order of their keys. Pages keep it cheap on a queue with 100,000 partitions: only one page is fetched at a time.
    /// </summary>
    /// <param name="pageSize">How many partitions to fetch per round trip: 1 to 1,000.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The partitions.</returns>
    /// <example>
    /// <code>
    /// await foreach (var p in queue.ListPartitionsAsync())
    ///     Console.WriteLine($"{p.Partition ?? "(default)"}: {p.Length} items, oldest {p.OldestItemAge}");
    /// </code>
    /// </example>
    public async IAsyncEnumerable<PartitionInfo> ListPartitionsAsync(
        int pageSize = 100,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > 1_000)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "A page holds 1 to 1,000 partitions.");
        }

        var info = await ResolveAsync(cancellationToken);
        var queue = client.Grains.GetGrain<IQueueGrain>(info.Id);
        string? after = null;
        while (true)
        {
            var keys = await queue.GetPartitionKeysAsync(after, pageSize).WaitAsync(cancellationToken);
            var page = await Task.WhenAll(keys.Select(key =>
                client.Grains.GetGrain<IPartitionGrain>(PartitionAddress.Format(info.Id, key.Length == 0 ? null : key)).DescribeAsync()))
                .WaitAsync(cancellationToken);
            foreach (var partition in page)
            {
                yield return partition;
            }

            if (keys.Count < pageSize)
            {
                yield break;
            }

            after = keys[^1];
        }
    }

    /// <summary>Describes the handle, for logs.</summary>
    /// <returns>The queue's name and environment, or its id.</returns>
    public override string ToString() => description;

    private async Task<ImmutableArray<byte[]>> TakeAsync(
        int count, string? partition, bool block, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        QueueArguments.CheckPartition(partition);
        QueueArguments.CheckTimeout(timeout);
        var (_, grain) = await PartitionAsync(partition, cancellationToken);
        var result = await WaitInSiloAsync(
            grain,
            block,
            timeout,
            (operation, wait, ticket) => grain.TakeAsync(new TakeRequest(operation, count, wait, ticket)),
            cancellationToken,
            askAgainOnFailure: true);
        return result.Items;
    }

    /// <summary>
    /// Runs one put or get as a series of calls, each waiting in the silo no longer than the client's response timeout
    /// allows and handing back its ticket, so the operation keeps its place in line however long it waits (C17).
    /// Cancellation asks the silo to end the waiting call; the call's own answer says whether it completed first.
    /// With <paramref name="askAgainOnFailure"/>, a call that fails on the way is made again with the same operation, for up
    /// to the failover timeout: the partition answers it with what the lost call took, if it took anything (C31).
    /// </summary>
    private async Task<TResult> WaitInSiloAsync<TResult>(
        IPartitionGrain grain,
        bool block,
        TimeSpan? timeout,
        Func<Guid, TimeSpan, long, Task<TResult>> call,
        CancellationToken cancellationToken,
        bool askAgainOnFailure = false)
        where TResult : IWaitResult
    {
        cancellationToken.ThrowIfCancellationRequested();
        var operation = Guid.NewGuid();
        var limit = block ? timeout : TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        using var cancellation = cancellationToken.Register(() => grain.CancelAsync(operation).Ignore());
        long ticket = 0;
        var failures = 0;
        long failingSince = 0;
        while (true)
        {
            var left = limit is { } l ? l - Stopwatch.GetElapsedTime(started) : TimeSpan.MaxValue;
            var wait = left <= TimeSpan.Zero ? TimeSpan.Zero : left < client.MaxServerWait ? left : client.MaxServerWait;
            TResult result;
            try
            {
                result = await call(operation, wait, ticket);
                failures = 0;
            }
            catch (Exception e) when (askAgainOnFailure && IsFailureOnTheWay(e))
            {
                failingSince = failures++ == 0 ? Stopwatch.GetTimestamp() : failingSince;

                // A storage failure may be a record that cannot be read, which asking again does not mend: ask only briefly.
                if (Stopwatch.GetElapsedTime(failingSince) >= client.FailoverTimeout || (e is QueueStorageException && failures > 3))
                {
                    throw;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 << Math.Min(failures, 5), 2_000)), cancellationToken);
                continue;
            }

            switch (result.Outcome)
            {
                case WaitOutcome.Cancelled:
                    throw new OperationCanceledException(cancellationToken);
                case WaitOutcome.TimedOut when wait < left:
                    cancellationToken.ThrowIfCancellationRequested();
                    ticket = result.Ticket;
                    break;
                default:
                    return result;
            }
        }
    }

    /// <summary>Whether a call failed on its way to or from the partition, rather than being refused by it.</summary>
    private static bool IsFailureOnTheWay(Exception e) =>
        e is TimeoutException or OrleansMessageRejectionException or ConnectionFailedException or QueueStorageException;

    private ValueTask<(QueueInfo Info, IPartitionGrain Grain)> PartitionAsync(string? partition, CancellationToken cancellationToken)
    {
        // Once the queue is resolved, every call takes this path: no task to allocate.
        return resolved is { IsCompletedSuccessfully: true } queue
            ? ValueTask.FromResult(Of(queue.Result))
            : ResolveThenAsync();

        async ValueTask<(QueueInfo, IPartitionGrain)> ResolveThenAsync() => Of(await ResolveAsync(cancellationToken));

        (QueueInfo, IPartitionGrain) Of(QueueInfo info) => (info, client.Grains.GetGrain<IPartitionGrain>(PartitionAddress.Format(info.Id, partition)));
    }

    private async Task<QueueInfo> ResolveAsync(CancellationToken cancellationToken)
    {
        var resolving = resolved ??= resolve();
        try
        {
            return await resolving.WaitAsync(cancellationToken);
        }
        catch (Exception) when (resolving.IsFaulted || resolving.IsCanceled)
        {
            // A queue that is missing now may be created later: resolve again on the next call.
            _ = Interlocked.CompareExchange(ref resolved, null, resolving);
            throw;
        }
    }

    private ImmutableArray<byte[]> Serialize<T>(IEnumerable<T> values, string? partition)
    {
        var items = ImmutableArray.CreateBuilder<byte[]>();
        foreach (var value in values)
        {
            if (items.Count == QueueLimits.MaxPartitionItems)
            {
                throw new ArgumentException(
                    $"A batch holds at most {QueueLimits.MaxPartitionItems} items, the partition limit; it could never fit.",
                    nameof(values));
            }

            items.Add(SerializeItem(value, partition));
        }

        return items.DrainToImmutable();
    }

    private byte[] SerializeItem<T>(T value, string? partition)
    {
        var item = client.Serializer.Serialize(value);
        return item.Length <= QueueLimits.MaxItemBytes
            ? item
            : throw new QueueItemTooLargeException(
                $"An item of {item.Length} bytes is larger than the limit of {QueueLimits.MaxItemBytes} bytes " +
                $"({description}, {(partition is null ? "default partition" : $"partition '{partition}'")}).");
    }

    private async Task<QueueEmptyException> EmptyAsync(string? partition, bool block, TimeSpan? timeout)
    {
        var info = await ResolveAsync(default);
        return new QueueEmptyException($"{QueueText.Describe(info.Name, info.Id, partition)} is empty {Waited(block, timeout)}.");
    }

    private static string Waited(bool block, TimeSpan? timeout) =>
        !block ? "(no wait)" : timeout is { } t ? $"after waiting {t.TotalSeconds:0.###} s" : "after waiting";
}
