using Microsoft.Extensions.Options;
using OrleansQueue.Grains.Hosting;

namespace OrleansQueue.Grains.Queues;

/// <summary>
/// One queue: its description and its live partitions, with the partition limit (C5). Joining and leaving the live set
/// take turns; counting and clearing interleave, because the partitions they fan out to may call back to leave the set.
/// </summary>
public sealed class QueueGrain(
    [PersistentState("queue", QueueSiloBuilderExtensions.StorageName)] IPersistentState<QueueState> state,
    IGrainFactory grainFactory,
    IOptions<QueueOptions> options) : Grain, IQueueGrain
{
    async Task IQueueGrain.InitializeAsync(QueueInfo info)
    {
        if (state.State.Info is null)
        {
            state.State.Info = info;
            await state.WriteStateAsync();
        }
    }

    Task<QueueInfo> IQueueGrain.GetInfoAsync() => Task.FromResult(Info);

    async Task IQueueGrain.AddPartitionAsync(string partition)
    {
        var info = Info;
        var live = state.State.LivePartitions;
        if (live.Contains(partition))
        {
            return;
        }

        if (live.Count >= options.Value.MaxPartitions)
        {
            throw new QueueFullException(
                $"{QueueText.Describe(info.Name, info.Id)} already has {live.Count} live partitions, its limit; " +
                $"partition '{partition}' cannot be added until one expires or is cleared.");
        }

        live.Add(partition);
        await state.WriteStateAsync();
    }

    async Task IQueueGrain.RemovePartitionAsync(string partition)
    {
        if (state.State.LivePartitions.Remove(partition))
        {
            await state.WriteStateAsync();
        }
    }

    async Task<long> IQueueGrain.CountAsync()
    {
        var counts = await Task.WhenAll(LivePartitions().Select(partition => partition.CountAsync()));
        return counts.Sum(count => (long)count);
    }

    async Task IQueueGrain.ClearAsync() =>
        await Task.WhenAll(LivePartitions().Select(partition => partition.ClearAsync()));

    private QueueInfo Info =>
        state.State.Info ?? throw new QueueNotFoundException($"Queue {this.GetPrimaryKeyString()} does not exist.");

    /// <summary>The live partitions as they are now; the list is copied, since it changes while the caller awaits.</summary>
    private IPartitionGrain[] LivePartitions()
    {
        var id = Info.Id;
        return [.. state.State.LivePartitions.Select(key =>
            grainFactory.GetGrain<IPartitionGrain>(PartitionAddress.Format(id, key.Length == 0 ? null : key)))];
    }
}
