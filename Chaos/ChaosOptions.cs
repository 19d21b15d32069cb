namespace OrleansQueue.Chaos;

/// <summary>The shape of a chaos run.</summary>
/// <param name="Duration">How long the workload runs under faults, before the cluster heals and is drained.</param>
/// <param name="KillEvery">How often a random silo is killed.</param>
/// <param name="Downtime">How long a killed silo stays down before it restarts.</param>
/// <param name="Silos">Silo processes in the cluster.</param>
/// <param name="Producers">Concurrent producers, each putting its own numbered values.</param>
/// <param name="Consumers">Concurrent consumers.</param>
/// <param name="Partitions">Partitions the producers spread their values over.</param>
internal sealed record ChaosOptions(
    TimeSpan Duration,
    TimeSpan KillEvery,
    TimeSpan Downtime,
    int Silos,
    int Producers,
    int Consumers,
    int Partitions);
