"""The reviewer desk: a small server-rendered web app over the claimdesk database."""
