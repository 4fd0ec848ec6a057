using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AgentRec.Core.Llm;

/// <summary>Reads the YAML of a file under prompts/: snake_case keys, keys the type does not know ignored.</summary>
internal static class PromptYaml
{
    /// <summary>
    /// The file at <paramref name="path"/> as a <typeparamref name="T"/> (a new one when the file is empty); malformed
    /// YAML is an <see cref="LlmModelException"/> that says <paramref name="malformed"/>, then the parser's message.
    /// </summary>
    public static T Read<T>(string path, string malformed)
        where T : class, new()
    {
        try
        {
            return new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .IgnoreUnmatchedProperties()
                .Build()
                .Deserialize<T>(File.ReadAllText(path)) ?? new T();
        }
        catch (YamlException ex)
        {
            throw new LlmModelException(path, $"{malformed}: {ex.Message}", ex);
        }
    }
}
