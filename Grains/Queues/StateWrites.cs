using Orleans.Storage;

namespace OrleansQueue.Grains.Queues;

/// <summary>Writes of the queue and directory grains' stored state.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Writes the state. If another activation wrote it since it was read (its ETag is stale), this activation's view is
    /// wrong: it goes away, so that the next call reads the state afresh, and the caller gets a retryable error.
    /// </summary>
    public static async Task SaveAsync<T>(this IPersistentState<T> state, IGrainBase grain, string what)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException e)
        {
            grain.DeactivateOnIdle();
            throw new QueueStorageException($"The stored record of {what} changed underneath this silo ({e.Message}); it has been reloaded, try again.");
        }
    }
}
