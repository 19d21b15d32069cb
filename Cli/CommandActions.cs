using System.CommandLine;

namespace OrleansQueue.Cli;

/// <summary>Runs a command's action and turns every outcome into a message and an exit code, never a stack trace.</summary>
internal static class CommandActions
{
    public static void SetSessionAction(this Command command, Func<Session, CancellationToken, Task<int>> action) =>
        command.SetAction(async (input, cancellationToken) =>
        {
            await using var session = new Session(input);
            try
            {
                return await action(session, cancellationToken);
            }
            catch (Exception e)
            {
                await Console.Error.WriteLineAsync($"oq: {e.Message}");
                return ExitCodeOf(e);
            }
        });

    private static int ExitCodeOf(Exception e) => e switch
    {
        UserErrorException user => user.ExitCode,
        QueueNotFoundException => ExitCodes.NotFound,
        QueueEmptyException => ExitCodes.Empty,
        _ => ExitCodes.UserError,
    };
}
