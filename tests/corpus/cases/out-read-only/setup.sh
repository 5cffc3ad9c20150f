# An output folder that cannot be renamed (immutable), as a read-only mount would be.
chattr +i ../out
