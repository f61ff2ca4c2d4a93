using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Relay.Domain.Alerts;

namespace Relay.Api.Features.Alerts;

/// <summary>An alert as a plain-text e-mail through the connection's SMTP server.</summary>
public static class EmailAlertChannel
{
    /// <returns>Null when sent; otherwise what went wrong.</returns>
    public static async Task<string?> SendAsync(EmailAlerts email, AlertMessage message, CancellationToken ct)
    {
        var mail = new MimeMessage { Subject = message.Title, Body = new TextPart("plain") { Text = message.Text } };
        mail.From.Add(MailboxAddress.Parse(email.From));
        foreach (var to in email.To) mail.To.Add(MailboxAddress.Parse(to));
        using var smtp = new SmtpClient { Timeout = 15_000 };
        await smtp.ConnectAsync(email.Host, email.Port, email.Security switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        }, ct);
        if (!string.IsNullOrEmpty(email.UserName))
            await smtp.AuthenticateAsync(email.UserName, email.Password ?? "", ct);
        await smtp.SendAsync(mail, ct);
        await smtp.DisconnectAsync(true, ct);
        return null;
    }
}
