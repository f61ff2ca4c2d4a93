using Relay.Domain.Orders;

namespace Relay.Domain.PersonalData;

/// <summary>
/// The customer a unit of work was for, as Relay sent it on: kept on the audit trail while the connection's
/// personal-data retention lasts (so a merchant sees whose order it was), then masked. The decisions' texts never
/// hold these values; this is the one place they are, so masking and the right of access find them.
/// </summary>
public sealed record CustomerOnRecord(string Email, string Name, string? Company, string? Phone, string? VatNumber,
    string? CocNumber, PostalAddress? Billing)
{
    public static CustomerOnRecord Of(Customer customer, PostalAddress? billing) =>
        new(Normalize(customer.Email), customer.Name, customer.Company, customer.Phone, customer.VatNumber,
            customer.CocNumber, billing);

    /// <summary>E-mail addresses are kept and looked for trimmed and in lower case.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
