using Orleans.Storage;

namespace OrleansQueue.Grains.Queues;

/// <summary>
/// A queue's live partition keys (C5), stored as shards with an index of the shards in use, so that a partition joining
/// or leaving rewrites about a hundredth of the set, and a queue with few partitions reads few records when it
/// activates. Changes apply in memory at once and are written together (group commit): while one write is under way,
/// the changes that arrive meanwhile wait and share the next, so 100,000 partitions joining or leaving cost a few
/// thousand writes, not 100,000 rewrites of the set.
/// </summary>
internal sealed class LivePartitions(IGrainStorage storage, GrainId grainId)
{
    private const int ShardCount = 128;
    private const string IndexName = "live-index";

    private readonly GrainState<LiveShardIndex> index = new(new LiveShardIndex());

    // The shards read or written so far, by number, with their ETags.
    private readonly Dictionary<int, GrainState<LiveShard>> shards = [];

    // The shards changed since the last write began.
    private readonly HashSet<int> dirty = [];

    // Completes when the changes made since the last write began are written.
    private TaskCompletionSource? nextWrite;

    // The write under way, if any.
    private Task? writing;

    // Why a write failed: memory is then ahead of storage, and nothing more is written from it.
    private Exception? failure;

    public int Count { get; private set; }

    public IEnumerable<string> Keys => shards.Values.SelectMany(KeysOf);

    /// <summary>Reads the index, then the shards it lists.</summary>
    public async Task LoadAsync()
    {
        await storage.ReadStateAsync(IndexName, grainId, index);
        index.State ??= new LiveShardIndex();
        var loading = index.State.Shards.Select(async number =>
        {
            var shard = new GrainState<LiveShard>(new LiveShard());
            await storage.ReadStateAsync(ShardName(number), grainId, shard);
            shard.State ??= new LiveShard();
            return (number, shard);
        });
        foreach (var (number, shard) in await Task.WhenAll(loading))
        {
            shards[number] = shard;
            Count += KeysOf(shard).Count;
        }
    }

    public bool Contains(string key) => shards.TryGetValue(ShardOf(key), out var shard) && KeysOf(shard).Contains(key);

    /// <summary>Adds the key; the task completes once it is written. If a write fails, the caller must drop this instance.</summary>
    public Task AddAsync(string key)
    {
        var number = ShardOf(key);
        if (!shards.TryGetValue(number, out var shard))
        {
            shards[number] = shard = new GrainState<LiveShard>(new LiveShard());
        }

        KeysOf(shard).Add(key);
        Count++;
        return WriteAsync(number);
    }

    /// <summary>Removes the key; the task completes once it is written. If a write fails, the caller must drop this instance.</summary>
    public Task RemoveAsync(string key)
    {
        var number = ShardOf(key);
        KeysOf(shards[number]).Remove(key);
        Count--;
        return WriteAsync(number);
    }

    /// <summary>Deletes every record, once the write under way, if any, has ended.</summary>
    public async Task ClearAsync()
    {
        if (writing is not null)
        {
            await writing;
        }

        await Task.WhenAll(shards.Select(shard => storage.ClearStateAsync(ShardName(shard.Key), grainId, shard.Value)));
        await storage.ClearStateAsync(IndexName, grainId, index);
        shards.Clear();
        Count = 0;
    }

    private Task WriteAsync(int shard)
    {
        if (failure is not null)
        {
            return Task.FromException(failure);
        }

        dirty.Add(shard);
        nextWrite ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = nextWrite.Task;
        writing ??= WriteAllAsync();
        return written;
    }

    /// <summary>Writes the changed shards, one batch at a time, until no change is left.</summary>
    private async Task WriteAllAsync()
    {
        // Let the calls already queued on the activation make their changes first, so that they share this write.
        await Task.Yield();
        while (nextWrite is { } batch)
        {
            nextWrite = null;
            int[] numbers = [.. dirty];
            dirty.Clear();
            try
            {
                // The index lists a shard before the shard is written: a failure between leaves an empty shard listed, no key lost.
                if (numbers.Any(index.State!.Shards.Add))
                {
                    await storage.WriteStateAsync(IndexName, grainId, index);
                }

                await Task.WhenAll(numbers.Select(number => storage.WriteStateAsync(ShardName(number), grainId, shards[number])));
                batch.SetResult();
            }
            catch (Exception e)
            {
                failure = e;
                batch.SetException(e);
                nextWrite?.SetException(e);
                nextWrite = null;
                break;
            }
        }

        writing = null;
    }

    /// <summary>The shard of a key, by FNV-1a: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static int ShardOf(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % ShardCount);
    }

    // Every shard held here has a state: a read that finds none puts an empty one in its place.
    private static HashSet<string> KeysOf(GrainState<LiveShard> shard) => shard.State!.Keys;

    private static string ShardName(int number) => $"live-{number}";
}
