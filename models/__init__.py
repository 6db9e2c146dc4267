"""SQLModel tables, one module per aggregate. Importing this package registers every table."""

from models.audit import AuditEvent
from models.base import utcnow
from models.cause import Cause
from models.customer import Customer
from models.digest import Digest
from models.nomination import Nomination
from models.note import Note, NoteCause, NoteCustomer
from models.prompt import Prompt
from models.staff import Staff
from models.workspace import Workspace

__all__ = ["AuditEvent", "Cause", "Customer", "Digest", "Nomination", "Note", "NoteCause", "NoteCustomer",
           "Prompt", "Staff", "Workspace", "utcnow"]
