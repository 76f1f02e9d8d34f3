from django.db import models


class Teacher(models.Model):
    name = models.CharField(max_length=30)


class Student(models.Model):
    name = models.CharField(max_length=30)


class Room(models.Model):
    number = models.CharField(max_length=10, primary_key=True)


class Token(models.Model):
    label = models.CharField(max_length=10)


class Course(models.Model):
    title = models.CharField(max_length=50, unique=True, db_index=True)
    code = models.CharField(max_length=20)
    people = models.ManyToManyField(Teacher, related_name="courses")
    room = models.ForeignKey(Room, models.SET_NULL, null=True)


class Lesson(models.Model):
    course = models.ForeignKey(Course, models.CASCADE)
    topic = models.CharField(max_length=50)
