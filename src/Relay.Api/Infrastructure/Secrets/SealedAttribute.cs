namespace Relay.Api.Infrastructure.Secrets;

/// <summary>A stored string property that is a credential: sealed by <see cref="SecretBox"/> in the database.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SealedAttribute : Attribute;
