using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansQueue.Chaos;

/// <summary>A value a producer puts: which producer, and its place in that producer's sequence, in one number.</summary>
internal static class ChaosValue
{
    private const int SequenceBits = 40;

    public static long Of(int producer, long sequence) => ((long)producer << SequenceBits) | sequence;

    public static int Producer(long value) => (int)(value >> SequenceBits);

    public static long Sequence(long value) => value & ((1L << SequenceBits) - 1);
}

/// <summary>One put as the producer saw it: acknowledged, or ended in an error (indeterminate: stored or not).</summary>
/// <param name="Value">The unique value put.</param>
/// <param name="Partition">The partition it was put into.</param>
/// <param name="Started">When the call started, in <see cref="History"/> ticks.</param>
/// <param name="Ended">When the call returned or failed.</param>
/// <param name="Acknowledged">Whether the put returned.</param>
internal sealed record PutRecord(long Value, string Partition, long Started, long Ended, bool Acknowledged);

/// <summary>One get as the consumer saw it: the values it returned, in order, or an error.</summary>
/// <param name="Consumer">Who got them; the final drain is a consumer too.</param>
/// <param name="Partition">The partition it got from.</param>
/// <param name="Started">When the call started, in <see cref="History"/> ticks.</param>
/// <param name="Ended">When the call returned or failed.</param>
/// <param name="Values">What it returned, oldest first; empty if it failed.</param>
/// <param name="Failed">Whether it ended in an error.</param>
internal sealed record GetRecord(string Consumer, string Partition, long Started, long Ended, IReadOnlyList<long> Values, bool Failed);

/// <summary>Every operation of a run, recorded by the callers that made them.</summary>
internal sealed class History
{
    private readonly ConcurrentQueue<PutRecord> puts = new();
    private readonly ConcurrentQueue<GetRecord> gets = new();

    public static long Now => Stopwatch.GetTimestamp();

    public IReadOnlyCollection<PutRecord> Puts => puts;

    public IReadOnlyCollection<GetRecord> Gets => gets;

    public void Add(PutRecord put) => puts.Enqueue(put);

    public void Add(GetRecord get) => gets.Enqueue(get);
}
