"""One queue, one staff agent and one ticket whose conversation has every kind of follow-up django-helpdesk
shows: the customer's e-mails (inbound), the agent's public reply (outbound) and a private note (internal)."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone
from helpdesk.models import FollowUp, Queue, Ticket


def seed() -> int:
    User.objects.create_user("agent", "agent@shop.example", "agent-pass", is_staff=True, is_superuser=True)
    queue = Queue.objects.create(title="Support", slug="support", email_address="support@shop.example")
    now = timezone.now()
    opened = "Bonjour, ma bouilloire est arrivée cassée. Commande 58110."
    ticket = Ticket.objects.create(
        title="Bouilloire cassée",
        queue=queue,
        submitter_email="claire@example.fr",
        description=opened,
        created=now - timedelta(hours=2),
    )
    rows = [
        (opened, True, "<a1@mail.example.fr>", None, 120),
        ("Bonjour Claire, je suis désolé. Pouvez-vous m'envoyer une photo ?", True, None, "agent", 90),
        ("Client fidèle, proposer un geste commercial.", False, None, "agent", 80),
        ("Voici la photo. Vous pouvez m'en envoyer une neuve ?", True, "<a2@mail.example.fr>", None, 60),
    ]
    agent = User.objects.get(username="agent")
    for text, public, message_id, user, minutes in rows:
        FollowUp.objects.create(
            ticket=ticket,
            title="Comment",
            comment=text,
            public=public,
            message_id=message_id,
            user=agent if user else None,
            date=now - timedelta(minutes=minutes),
        )
    return ticket.id
