namespace OrleansQueue.Grains;

/// <summary>What every call that may wait in line answers: how the wait ended, and the caller's place in line.</summary>
public interface IWaitResult
{
    /// <summary>How the wait ended.</summary>
    WaitOutcome Outcome { get; }

    /// <summary>The place in line to hand back on the next call of the same operation.</summary>
    long Ticket { get; }
}
