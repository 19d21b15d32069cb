using OrleansQueue.Grains.Hosting;

namespace OrleansQueue.Grains.Queues;

/// <summary>
/// The names of one environment's queues. Creations take turns, so two clients racing to create one name get one queue.
/// </summary>
public sealed class QueueDirectoryGrain(
    [PersistentState("directory", QueueSiloBuilderExtensions.StorageName)] IPersistentState<DirectoryState> state,
    IGrainFactory grainFactory,
    TimeProvider clock) : Grain, IQueueDirectoryGrain
{
    private string Environment => this.GetPrimaryKeyString();

    async Task<QueueInfo> IQueueDirectoryGrain.CreateAsync(string name, bool allowExisting, string createdBy)
    {
        QueueArguments.CheckName(name, nameof(name));
        if (state.State.Queues.TryGetValue(name, out var existing))
        {
            return allowExisting
                ? existing
                : throw new QueueAlreadyExistsException($"Queue '{name}' already exists in environment '{Environment}' ({existing.Id}).");
        }

        var info = new QueueInfo($"qu-{Guid.NewGuid():N}", name, Environment, clock.GetUtcNow(), createdBy);
        await grainFactory.GetGrain<IQueueGrain>(info.Id).InitializeAsync(info);
        state.State.Queues.Add(name, info);
        await state.WriteStateAsync();
        return info;
    }

    Task<QueueInfo> IQueueDirectoryGrain.LookupAsync(string name) =>
        state.State.Queues.TryGetValue(name, out var info)
            ? Task.FromResult(info)
            : throw new QueueNotFoundException($"No queue is named '{name}' in environment '{Environment}'.");
}
