using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OrleansQueue.Grains.Hosting;

namespace OrleansQueue.Grains.Queues;

/// <summary>
/// One queue: its description, its live partitions with the partition limit (C5), and for an ephemeral queue its lease.
/// </summary>
/// <remarks>
/// Changes of the description and lease take turns. Partitions joining and leaving the live set interleave, so that
/// their changes share writes; each change is made in one synchronous step. Reads and fan-outs to partitions interleave,
/// because the partitions they reach may call back to leave the live set. The active partitions are remembered in memory
/// only, and the grain stays in memory while there are any, so that a deletion reaches waiting calls on partitions that
/// are not live.
/// </remarks>
public sealed class QueueGrain(
    IGrainContext context,
    [PersistentState("queue", QueueSiloBuilderExtensions.StorageName)] IPersistentState<QueueState> state,
    [FromKeyedServices(QueueSiloBuilderExtensions.StorageName)] IGrainStorage storage,
    IGrainFactory grainFactory,
    IOptions<QueueOptions> options,
    TimeProvider clock,
    ILogger<QueueGrain> logger) : Grain, IQueueGrain, IRemindable
{
    private const string LeaseReminder = "lease";

    // The queue's id, the grain's key.
    private readonly string id = context.GrainId.Key.ToString()!;

    private readonly QueueOptions limits = options.Value;

    // The live partitions' keys, stored in shards of their own.
    private readonly LivePartitions live = new(storage, context.GrainId);

    // The partitions that have an activation, by key.
    private readonly HashSet<string> attached = new(StringComparer.Ordinal);

    // The live partitions' keys in ordinal order, kept until the set changes, so that paging through 100,000 is cheap.
    private string[]? sortedPartitions;

    // Checks the lease of an ephemeral queue while the grain is in memory.
    private IGrainTimer? leaseTimer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await live.LoadAsync();
        if (state.State.LeaseExpiresAt is not null)
        {
            await WatchLeaseAsync();
        }
    }

    async Task IQueueGrain.InitializeAsync(QueueInfo info)
    {
        if (state.State.Info is not null)
        {
            return;
        }

        state.State.Info = info;
        if (info.Name is null)
        {
            state.State.LeaseExpiresAt = clock.GetUtcNow() + limits.EphemeralGracePeriod;
        }

        await state.SaveAsync(this, $"queue {id}");
        if (info.Name is null)
        {
            await WatchLeaseAsync();
        }
    }

    async Task<TimeSpan> IQueueGrain.HeartbeatAsync()
    {
        _ = Info;
        if (state.State.LeaseExpiresAt is not null)
        {
            state.State.LeaseExpiresAt = clock.GetUtcNow() + limits.EphemeralGracePeriod;
            await state.SaveAsync(this, $"queue {id}");
        }

        return limits.EphemeralHeartbeatInterval;
    }

    Task<QueueInfo> IQueueGrain.GetInfoAsync() => Task.FromResult(Info);

    Task<QueueInfo> IQueueGrain.AttachAsync(string partition)
    {
        var info = Info;
        if (attached.Add(partition) && attached.Count == 1)
        {
            DelayDeactivation(TimeSpan.MaxValue);
        }

        return Task.FromResult(info);
    }

    Task IQueueGrain.DetachAsync(string partition)
    {
        if (attached.Remove(partition) && attached.Count == 0)
        {
            DelayDeactivation(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    async Task IQueueGrain.AddPartitionAsync(string partition)
    {
        var info = Info;
        if (live.Contains(partition))
        {
            return;
        }

        if (live.Count >= limits.MaxPartitions)
        {
            logger.PartitionLimitReached(QueueText.Describe(info.Name, info.Id), partition, live.Count);
            throw new QueueFullException(
                $"{QueueText.Describe(info.Name, info.Id)} already has {live.Count} live partitions, its limit; " +
                $"partition '{partition}' cannot be added until one expires or is cleared.");
        }

        sortedPartitions = null;
        await WriteLiveAsync(live.AddAsync(partition));
    }

    async Task IQueueGrain.RemovePartitionAsync(string partition)
    {
        if (!live.Contains(partition))
        {
            return;
        }

        sortedPartitions = null;
        await WriteLiveAsync(live.RemoveAsync(partition));
    }

    async Task<long> IQueueGrain.CountAsync() => await CountAsync();

    async Task<QueueSummary> IQueueGrain.GetSummaryAsync()
    {
        var info = Info;
        var partitions = live.Count;
        return new QueueSummary(info, partitions, await CountAsync());
    }

    Task<IReadOnlyList<string>> IQueueGrain.GetPartitionKeysAsync(string? after, int max)
    {
        _ = Info;
        var sorted = sortedPartitions ??= [.. live.Keys.Order(StringComparer.Ordinal)];
        var start = 0;
        if (after is not null)
        {
            var found = Array.BinarySearch(sorted, after, StringComparer.Ordinal);
            start = found >= 0 ? found + 1 : ~found;
        }

        return Task.FromResult<IReadOnlyList<string>>(sorted[start..Math.Min(sorted.Length, start + max)]);
    }

    async Task IQueueGrain.ClearAsync() =>
        await Task.WhenAll(Partitions(live.Keys).Select(partition => partition.ClearAsync()));

    Task IQueueGrain.DeleteAsync()
    {
        _ = Info;
        return DeleteAsync();
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => await CheckLeaseAsync();

    private QueueInfo Info =>
        state.State.Info ?? throw new QueueNotFoundException($"Queue {id} does not exist.");

    /// <summary>
    /// Waits for a change of the live set to be written. If the write fails, memory is ahead of storage: the activation
    /// goes away, so that the next call reloads what storage holds, and the caller gets a retryable error.
    /// </summary>
    private async Task WriteLiveAsync(Task write)
    {
        try
        {
            await write;
        }
        catch (Exception e)
        {
            DeactivateOnIdle();
            throw new QueueStorageException($"The live partitions of queue {id} could not be written ({e.Message}); try again.");
        }
    }

    private async Task<long> CountAsync()
    {
        var counts = await Task.WhenAll(Partitions(live.Keys).Select(partition => partition.CountAsync()));
        return counts.Sum(count => (long)count);
    }

    private async Task DeleteAsync()
    {
        var partitions = Partitions(live.Keys.Union(attached));
        await live.ClearAsync();
        await state.ClearStateAsync();
        attached.Clear();
        leaseTimer?.Dispose();
        if (await this.GetReminder(LeaseReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await Task.WhenAll(partitions.Select(partition => partition.DeleteAsync()));
        logger.QueueDeleted(id);
        DeactivateOnIdle();
    }

    /// <summary>Checks the lease often while in memory, and through a reminder that outlives the activation.</summary>
    private async Task WatchLeaseAsync()
    {
        leaseTimer ??= this.RegisterGrainTimer(
            _ => CheckLeaseAsync(),
            new GrainTimerCreationOptions(limits.EphemeralHeartbeatInterval, limits.EphemeralHeartbeatInterval) { Interleave = false });
        await this.RegisterOrUpdateReminder(LeaseReminder, limits.EphemeralGracePeriod, limits.ExpiryReminderPeriod);
    }

    private async Task CheckLeaseAsync()
    {
        if (state.State.LeaseExpiresAt is { } expiresAt && clock.GetUtcNow() >= expiresAt)
        {
            logger.EphemeralAbandoned(id, limits.EphemeralGracePeriod);
            await DeleteAsync();
        }
    }

    /// <summary>The partitions of some keys; the list is copied, since the keys change while the caller awaits.</summary>
    private IPartitionGrain[] Partitions(IEnumerable<string> keys)
    {
        return [.. keys.Select(key => grainFactory.GetGrain<IPartitionGrain>(PartitionAddress.Format(id, key.Length == 0 ? null : key)))];
    }
}
