namespace OrleansQueue.Cli;

/// <summary>What <c>oq</c> exits with, so that scripts can tell outcomes apart.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad input or a refused operation; the message is on stderr.</summary>
    public const int UserError = 1;

    /// <summary>The queue does not exist.</summary>
    public const int NotFound = 2;

    /// <summary>No item: the partition was empty, or stayed empty until the timeout.</summary>
    public const int Empty = 3;
}

/// <summary>A mistake of the user's that <c>oq</c> found itself, with the exit code it calls for.</summary>
internal sealed class UserErrorException(string message, int exitCode = ExitCodes.UserError) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
