namespace Relay.Api.Infrastructure.Secrets;

/// <summary>A generated key kept in a file only Relay's user can read, so it is never logged or stored in the database.</summary>
public static class KeyFile
{
    public static string ReadOrCreate(string file, Func<string> create)
    {
        if (File.Exists(file)) return File.ReadAllText(file).Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var key = create();
        File.WriteAllText(file, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }
}
