using Microsoft.Extensions.Logging;
using OrleansQueue.Grains.Hosting;

namespace OrleansQueue.Grains.Queues;

/// <summary>
/// The names of one environment's queues. Creations take turns, so two clients racing to create one name get one queue.
/// </summary>
public sealed class QueueDirectoryGrain(
    [PersistentState("directory", QueueSiloBuilderExtensions.StorageName)] IPersistentState<DirectoryState> state,
    IGrainFactory grainFactory,
    TimeProvider clock,
    ILogger<QueueDirectoryGrain> logger) : Grain, IQueueDirectoryGrain
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

        var info = new QueueInfo(QueueIds.New(), name, Environment, clock.GetUtcNow(), createdBy);
        await grainFactory.GetGrain<IQueueGrain>(info.Id).InitializeAsync(info);
        state.State.Queues.Add(name, info);
        await state.SaveAsync(this, $"environment '{Environment}'");
        logger.QueueCreated(name, info.Id, Environment, createdBy);
        return info;
    }

    Task<QueueInfo> IQueueDirectoryGrain.LookupAsync(string name) =>
        state.State.Queues.TryGetValue(name, out var info) ? Task.FromResult(info) : throw NotFound(name);

    async Task IQueueDirectoryGrain.DeleteAsync(string name, bool allowMissing)
    {
        if (!state.State.Queues.TryGetValue(name, out var info))
        {
            if (allowMissing)
            {
                return;
            }

            throw NotFound(name);
        }

        // The queue first: if that fails, the name still leads to it and the delete can be tried again.
        await grainFactory.GetGrain<IQueueGrain>(info.Id).DeleteAsync();
        state.State.Queues.Remove(name);
        await state.SaveAsync(this, $"environment '{Environment}'");
    }

    Task<IReadOnlyList<QueueInfo>> IQueueDirectoryGrain.ListAsync(int maxObjects, DateTimeOffset? createdBefore) =>
        Task.FromResult<IReadOnlyList<QueueInfo>>(
        [
            .. state.State.Queues.Values
                .Where(info => createdBefore is null || info.CreatedAt < createdBefore)
                .OrderByDescending(info => info.CreatedAt)
                .Take(maxObjects),
        ]);

    private QueueNotFoundException NotFound(string name) =>
        new($"No queue is named '{name}' in environment '{Environment}'.");
}
