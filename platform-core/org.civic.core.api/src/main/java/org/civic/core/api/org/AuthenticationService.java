package org.civic.core.api.org;

/**
 * Checks credentials against the platform's users (hashed passwords, lock-out after repeated
 * failures). The JAAS realm, the REST API and the SOAP endpoints all authenticate through it.
 */
public interface AuthenticationService {

    /**
     * @return the caller for valid credentials
     * @throws org.civic.core.api.CivicException 401 BAD_CREDENTIALS or ACCOUNT_LOCKED
     */
    Caller authenticate(String loginName, String password);

    /** The caller of an active user, for an already authenticated session; null when none. */
    Caller findActiveCaller(String loginName);

    void changePassword(Caller caller, String oldPassword, String newPassword, String confirmPassword);
}
